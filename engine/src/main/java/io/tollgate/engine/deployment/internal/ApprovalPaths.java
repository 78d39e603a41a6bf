package io.tollgate.engine.deployment.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tollgate.engine.deployment.internal.TollgateCode.Step;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.ModelInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Finds the steps of a process that a path from one of its start events reaches without passing an approval they
 * need. A walk over (flow node, approvals passed so far) from every start event: along sequence flows and gateways of
 * every kind; into a sub-process through its start events and out through its ends (end events, or flow nodes without
 * outgoing flows) to its outgoing flows; to a boundary event whenever its activity is reached, with the approvals
 * passed <em>before</em> the activity (an interrupting boundary event does not mean the activity was passed); from a
 * compensation boundary event along its association to the handler; into an event sub-process whenever its parent
 * scope is entered, with the approvals passed on entering it; from a link throw event to the link catch events of
 * the same name. An approval counts once its user task completes, i.e. on the flows leaving it. Flows are read from
 * their {@code sourceRef} and {@code targetRef}, as the engine reads them, never from the optional
 * {@code incoming}/{@code outgoing} lists of the nodes, which a model may leave out or contradict.
 *
 * <p>Conditions are not evaluated: every flow may be taken, and an error end event may also complete its scope (it
 * does when nothing catches the error). That errs on the side of refusing (a parallel join is treated like any other
 * gateway), never on the side of accepting. Such error exits are explored last, so that the path a refusal shows is
 * one a reader expects.
 */
final class ApprovalPaths {

    /** A gated flow node reachable without the approval it needs, and one such path from a start event to it. */
    record Bypass(String nodeId, Set<Step> needs, List<String> path) {
    }

    private record Visit(FlowNode node, int approvals) {
    }

    /** A visit explored last, and where it came from: claimed only when its turn comes. */
    private record Deferred(Visit visit, Visit from) {
    }

    private final Map<String, Set<Step>> gates;
    private final Map<String, Step> approvals;
    private final Map<String, List<BoundaryEvent>> boundaryEvents = new HashMap<>();
    private final Map<String, List<FlowNode>> associated = new HashMap<>();
    private final Map<String, List<FlowNode>> flowsFrom = new HashMap<>();
    private final Set<String> flowTargets = new HashSet<>();
    private final Map<Visit, Visit> cameFrom = new HashMap<>();
    private final Deque<Visit> toVisit = new ArrayDeque<>();
    private final Deque<Deferred> toVisitLast = new ArrayDeque<>();
    private final Map<String, Bypass> bypasses = new LinkedHashMap<>();

    private ApprovalPaths(Map<String, Set<Step>> gates, Map<String, Step> approvals) {
        this.gates = gates;
        this.approvals = approvals;
    }

    /**
     * @param gates     flow node id → the approval steps one of which must have been passed before it runs
     * @param approvals user task id → the approval step it is (only tasks Tollgate recognises as approvals)
     */
    static List<Bypass> find(Process process, Map<String, Set<Step>> gates, Map<String, Step> approvals) {
        ApprovalPaths walk = new ApprovalPaths(gates, approvals);
        ModelInstance model = process.getModelInstance();
        walk.index(model.getModelElementsByType(BoundaryEvent.class), model.getModelElementsByType(Association.class),
                model.getModelElementsByType(SequenceFlow.class));
        walk.enter(process.getFlowElements(), 0, null);
        while (!walk.toVisit.isEmpty() || !walk.toVisitLast.isEmpty()) {
            if (!walk.toVisit.isEmpty()) {
                walk.visit(walk.toVisit.removeFirst());
            } else {
                Deferred deferred = walk.toVisitLast.removeFirst();
                walk.reach(deferred.visit().node(), deferred.visit().approvals(), deferred.from());
            }
        }
        return List.copyOf(walk.bypasses.values());
    }

    private void index(Collection<BoundaryEvent> boundaries, Collection<Association> associations,
                       Collection<SequenceFlow> flows) {
        for (SequenceFlow flow : flows) {
            if (flow.getSource() != null && flow.getTarget() != null) {
                flowsFrom.computeIfAbsent(flow.getSource().getId(), id -> new ArrayList<>()).add(flow.getTarget());
                flowTargets.add(flow.getTarget().getId());
            }
        }
        for (BoundaryEvent boundary : boundaries) {
            Activity activity = boundary.getAttachedTo();
            if (activity != null) {
                boundaryEvents.computeIfAbsent(activity.getId(), id -> new ArrayList<>()).add(boundary);
            }
        }
        for (Association association : associations) {
            if (association.getSource() != null && association.getTarget() instanceof FlowNode target) {
                associated.computeIfAbsent(association.getSource().getId(), id -> new ArrayList<>()).add(target);
            }
        }
    }

    /** Entering a scope (the process, a sub-process, an event sub-process) with {@code approvals} passed. */
    private void enter(Collection<FlowElement> scope, int approvals, Visit from) {
        boolean started = false;
        for (FlowElement element : scope) {
            if (element instanceof StartEvent start) {
                reach(start, approvals, from);
                started = true;
            } else if (element instanceof SubProcess sub && sub.triggeredByEvent()) {
                reach(sub, approvals, from);
            }
        }
        if (!started) {
            // no start event: whatever has no incoming flow could be where it begins; assume it may be
            for (FlowElement element : scope) {
                if (element instanceof FlowNode node && !flowTargets.contains(node.getId())
                        && !(element instanceof BoundaryEvent) && !(element instanceof SubProcess sub
                        && sub.triggeredByEvent())) {
                    reach(node, approvals, from);
                }
            }
        }
    }

    private void reach(FlowNode node, int approvals, Visit from) {
        reach(node, approvals, from, false);
    }

    private void reach(FlowNode node, int approvals, Visit from, boolean last) {
        Visit visit = new Visit(node, approvals);
        if (last) {
            toVisitLast.addLast(new Deferred(visit, from));
        } else if (!cameFrom.containsKey(visit)) {
            cameFrom.put(visit, from);
            toVisit.addLast(visit);
        }
    }

    private void visit(Visit visit) {
        FlowNode node = visit.node();
        int passed = visit.approvals();
        Set<Step> needs = gates.get(node.getId());
        if (needs != null && (passed & Step.bits(needs)) == 0 && !bypasses.containsKey(node.getId())) {
            bypasses.put(node.getId(), new Bypass(node.getId(), needs, pathTo(visit)));
        }
        for (BoundaryEvent boundary : boundaryEvents.getOrDefault(node.getId(), List.of())) {
            reach(boundary, passed, visit);
        }
        for (FlowNode handler : associated.getOrDefault(node.getId(), List.of())) {
            reach(handler, passed, visit);
        }
        if (node instanceof SubProcess sub) {
            enter(sub.getFlowElements(), passed, visit);
            return;
        }
        Step approval = approvals.get(node.getId());
        int after = approval == null ? passed : passed | approval.bit();
        List<FlowNode> outgoing = flowsFrom.getOrDefault(node.getId(), List.of());
        for (FlowNode target : outgoing) {
            reach(target, after, visit);
        }
        boolean linked = false;
        if (node instanceof IntermediateThrowEvent thrown) {
            for (LinkEventDefinition link : thrown.getEventDefinitions().stream()
                    .filter(LinkEventDefinition.class::isInstance).map(LinkEventDefinition.class::cast).toList()) {
                linked = true;
                linkTargets(thrown.getParentElement(), link.getName()).forEach(target -> reach(target, after, visit));
            }
        }
        if (outgoing.isEmpty() && !linked) {
            boolean error = node instanceof EndEvent end && end.getEventDefinitions().stream()
                    .anyMatch(ErrorEventDefinition.class::isInstance);
            leave(node.getParentElement(), after, visit, error);
        }
    }

    /** A path ended inside {@code scope}: the scope may complete with {@code approvals} passed. */
    private void leave(ModelElementInstance scope, int approvals, Visit from, boolean last) {
        if (scope instanceof SubProcess sub) {
            List<FlowNode> outgoing = flowsFrom.getOrDefault(sub.getId(), List.of());
            if (sub.triggeredByEvent() || outgoing.isEmpty()) {
                leave(sub.getParentElement(), approvals, from, last);
            } else {
                for (FlowNode target : outgoing) {
                    reach(target, approvals, from, last);
                }
            }
        }
        // the process itself: the instance ends
    }

    private static List<IntermediateCatchEvent> linkTargets(ModelElementInstance scope, String name) {
        List<IntermediateCatchEvent> targets = new ArrayList<>();
        Collection<FlowElement> elements = scope instanceof SubProcess sub ? sub.getFlowElements()
                : scope instanceof Process process ? process.getFlowElements() : List.of();
        for (FlowElement element : elements) {
            if (element instanceof IntermediateCatchEvent caught && caught.getEventDefinitions().stream()
                    .anyMatch(d -> d instanceof LinkEventDefinition link && name != null && name.equals(link.getName()))) {
                targets.add(caught);
            }
        }
        return targets;
    }

    private List<String> pathTo(Visit visit) {
        List<String> path = new ArrayList<>();
        for (Visit at = visit; at != null; at = cameFrom.get(at)) {
            path.add(0, at.node().getId());
        }
        return path;
    }
}
