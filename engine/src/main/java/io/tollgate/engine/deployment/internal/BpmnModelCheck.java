package io.tollgate.engine.deployment.internal;

import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.ACTIVITI_NS;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.BPMN20_NS;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.BPMNDI_NS;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.DC_NS;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.DI_NS;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;

import io.tollgate.engine.deployment.internal.ExpressionRules.Verdict;
import io.tollgate.engine.deployment.internal.TollgateCode.Bean;
import io.tollgate.engine.deployment.internal.TollgateCode.Step;
import io.tollgate.processes.ApprovalSteps;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Checks one BPMN resource. Everything in it: no script, no Java class, no shell or mail task, no connector, no
 * legacy {@code activiti} namespace, every expression within {@link ExpressionRules}. Its executable processes that
 * are Tollgate's ({@link TollgateCode#PROCESS_KEYS}, or using a Tollgate bean or approval step) also: only a plain
 * start event at the process level and no event sub-process, no external task, approval tasks that are what they
 * say, steps that reach outside systems only as asynchronous service tasks with a retry cycle, and no path from a
 * start event to such a step without the approval it needs ({@link ApprovalPaths}).
 */
final class BpmnModelCheck {

    /** What was found: the executable processes' keys and why the resource is refused (nothing: accepted). */
    record Result(List<String> processes, List<Refusal> refusals) {
    }

    /** A Tollgate bean named by a delegate expression of the element {@code ownerId}. */
    private record BeanUse(Bean bean, String ownerId, boolean serviceTaskDelegate) {
    }

    private static final Set<String> DIAGRAM_NAMESPACES = Set.of(BPMNDI_NS, DC_NS, DI_NS);
    private static final Set<String> UNCHECKED_TEXT = Set.of("documentation", "text");
    private static final String ID = "id";
    private static final String IS_EXECUTABLE = "isExecutable";
    private static final String SCRIPT_TASK = "scriptTask";
    private static final String SERVICE_TASK = "serviceTask";
    private static final String SCRIPT = "script";
    private static final String CONNECTOR = "connector";
    private static final String SCRIPT_FORMAT = "scriptFormat";
    private static final String LANGUAGE = "language";
    private static final String TYPE = "type";
    private static final String EXTERNAL = "external";
    private static final String CLASS = "class";
    private static final String CLASS_SUFFIX = "Class";
    private static final String DELEGATE_EXPRESSION = "delegateExpression";
    private static final String DELEGATE_EXPRESSION_SUFFIX = "DelegateExpression";

    private final ExpressionRules rules;

    BpmnModelCheck(ExpressionRules rules) {
        this.rules = rules;
    }

    Result check(byte[] resource) {
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource));
        } catch (RuntimeException e) {
            return new Result(List.of(), List.of(new Refusal(null, "is not a BPMN 2.0 model: " + e.getMessage())));
        }
        Sweep sweep = new Sweep();
        sweep.element(((Document) model.getDocument().getDomSource().getNode()).getDocumentElement(), null);
        List<Refusal> refusals = new ArrayList<>(sweep.refusals);
        List<String> processes = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            // the engine deploys only the processes marked executable (BpmnParse, for new deployments)
            if (!Boolean.parseBoolean(process.getAttributeValue(IS_EXECUTABLE))) {
                continue;
            }
            processes.add(process.getId());
            List<BeanUse> uses = sweep.uses.stream().filter(use -> within(model, use.ownerId(), process)).toList();
            List<CamundaProperty> steps = model.getModelElementsByType(CamundaProperty.class).stream()
                    .filter(p -> ApprovalSteps.PROPERTY.equals(p.getCamundaName()) && within(p, process)).toList();
            if (!TollgateCode.PROCESS_KEYS.contains(process.getId())) {
                // a process of another key has no request of Tollgate's to act on but the business key it is given,
                // which its model may fix: a helper's model, started by a timer, ran the review on a rejected ticket
                // and reopened it
                uses.forEach(use -> refusals.add(new Refusal(use.ownerId(), "uses Tollgate's "
                        + TollgateCode.expressionOf(use.bean().name()) + " in process " + process.getId()
                        + "; Tollgate's steps run only in its own processes (" + String.join(", ",
                        TollgateCode.PROCESS_KEYS.stream().sorted().toList()) + "), for the request each was started"
                        + " for")));
                steps.forEach(step -> refusals.add(new Refusal(owner(step), "is an approval step ("
                        + step.getCamundaValue() + ") in process " + process.getId() + "; Tollgate's approvals are"
                        + " steps of its own processes only")));
            }
            if (TollgateCode.PROCESS_KEYS.contains(process.getId()) || !uses.isEmpty() || !steps.isEmpty()) {
                refusals.addAll(checkTollgateProcess(model, process, uses, steps, sweep.externalTasks));
            }
        }
        return new Result(processes, refusals);
    }

    private List<Refusal> checkTollgateProcess(BpmnModelInstance model, Process process, List<BeanUse> uses,
                                               List<CamundaProperty> steps, Set<String> externalTasks) {
        List<Refusal> refusals = new ArrayList<>();
        checkStartEvents(model, process, refusals);
        externalTasks.stream().filter(id -> within(model, id, process)).forEach(id -> refusals.add(new Refusal(id,
                "is an external task; Tollgate's processes (" + process.getId() + ") run only Tollgate's own code")));
        Map<String, Step> named = new HashMap<>();
        Map<String, Step> approvals = approvals(steps, named, refusals);
        if (TollgateCode.PROCESS_KEYS.contains(process.getId())) {
            named.forEach((taskId, step) -> {
                if (!step.processKey.equals(process.getId())) {
                    refusals.add(new Refusal(taskId, "is a " + step.value + " approval, a step of " + step.processKey
                            + ", not of " + process.getId()));
                } else if (!step.taskId.equals(taskId)) {
                    refusals.add(new Refusal(taskId, "is the " + step.value + " approval, whose task Tollgate's"
                            + " tasklist, API and checks know as " + step.taskId + ": keep that id"));
                }
            });
        }
        Map<String, Set<Step>> gates = new HashMap<>();
        for (BeanUse use : uses) {
            if (use.bean().reachesOutside()) {
                checkOutsideStep(model, use, refusals);
            }
            if (!use.bean().needs().isEmpty()) {
                gates.computeIfAbsent(use.ownerId(), id -> new LinkedHashSet<>()).addAll(use.bean().needs());
            }
        }
        for (ApprovalPaths.Bypass bypass : ApprovalPaths.find(process, gates, approvals)) {
            refusals.add(new Refusal(bypass.nodeId(), "can be reached without passing " + describe(bypass.needs())
                    + ", e.g. " + String.join(" -> ", bypass.path())));
        }
        return refusals;
    }

    /** Only a plain (none) start event at the process level, and no event sub-process: the shipped models use none. */
    private static void checkStartEvents(BpmnModelInstance model, Process process, List<Refusal> refusals) {
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            if (!within(start, process)) {
                continue;
            }
            ModelElementInstance scope = start.getParentElement();
            if (scope instanceof SubProcess sub && sub.triggeredByEvent()) {
                refusals.add(new Refusal(start.getId(), "starts an event sub-process ("
                        + kinds(start.getEventDefinitions()) + "); Tollgate's processes (" + process.getId()
                        + ") use none: use a boundary event on a sub-process, as the shipped models do"));
            } else if (scope instanceof Process && !start.getEventDefinitions().isEmpty()) {
                refusals.add(new Refusal(start.getId(), "is a " + kinds(start.getEventDefinitions())
                        + " start event; Tollgate's processes (" + process.getId()
                        + ") start only from Tollgate, by a plain start event"));
            }
        }
    }

    private static String kinds(Collection<EventDefinition> definitions) {
        return definitions.isEmpty() ? "plain" : definitions.stream()
                .map(d -> d.getElementType().getTypeName().replace("EventDefinition", ""))
                .collect(Collectors.joining(", "));
    }

    /**
     * The user tasks that are approvals Tollgate recognises; every other use of the property is a refusal. The user
     * tasks naming a known step, recognised or not, go to {@code named}.
     */
    private static Map<String, Step> approvals(List<CamundaProperty> steps, Map<String, Step> named,
                                               List<Refusal> refusals) {
        Map<String, Step> approvals = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (CamundaProperty property : steps) {
            ModelElementInstance properties = property.getParentElement();
            ModelElementInstance extensions = properties == null ? null : properties.getParentElement();
            ModelElementInstance owner = extensions == null ? null : extensions.getParentElement();
            String ownerId = owner(property);
            if (!(properties instanceof CamundaProperties) || !(extensions instanceof ExtensionElements)
                    || !(owner instanceof UserTask task)) {
                refusals.add(new Refusal(ownerId, "has the property " + ApprovalSteps.PROPERTY
                        + ", which only a user task's own extension properties may have"));
                continue;
            }
            if (!seen.add(ownerId)) {
                refusals.add(new Refusal(ownerId, "has the property " + ApprovalSteps.PROPERTY + " more than once"));
                continue;
            }
            Step step = Step.of(property.getCamundaValue()).orElse(null);
            if (step == null) {
                refusals.add(new Refusal(ownerId, "is approval step '" + property.getCamundaValue()
                        + "', which Tollgate does not know (" + Arrays.stream(Step.values()).map(s -> s.value)
                        .collect(Collectors.joining(", ")) + ")"));
            } else {
                named.put(ownerId, step);
                if (checkApprovalTask(task, step, refusals)) {
                    approvals.put(ownerId, step);
                }
            }
        }
        return approvals;
    }

    private static boolean checkApprovalTask(UserTask task, Step step, List<Refusal> refusals) {
        boolean fine = true;
        for (String[] listener : List.of(new String[] {TaskListener.EVENTNAME_CREATE, step.createListener},
                new String[] {TaskListener.EVENTNAME_COMPLETE, step.completeListener})) {
            String expression = TollgateCode.expressionOf(listener[1]);
            boolean present = task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class)
                    .list().stream().anyMatch(l -> listener[0].equals(l.getCamundaEvent())
                            && expression.equals(l.getCamundaDelegateExpression()));
            if (!present) {
                refusals.add(new Refusal(task.getId(), "is a " + step.value + " approval without the task listener "
                        + expression + " on " + listener[0]));
                fine = false;
            }
        }
        if (task.getCamundaAssignee() != null && !task.getCamundaAssignee().isBlank()) {
            refusals.add(new Refusal(task.getId(), "is a " + step.value + " approval with camunda:assignee=\""
                    + task.getCamundaAssignee() + "\": an approval is offered to the people who may decide it, and"
                    + " Tollgate assigns it (to a reviewer the submitter asked for); use camunda:candidateGroups"));
            fine = false;
        }
        if (task.getLoopCharacteristics() != null) {
            refusals.add(new Refusal(task.getId(), "is a " + step.value + " approval with loop or multi-instance "
                    + "characteristics: with none to create it would pass without anyone deciding"));
            fine = false;
        }
        return fine;
    }

    /** A step that reaches outside: a service task's delegate only, asynchronous before, with a retry cycle. */
    private static void checkOutsideStep(BpmnModelInstance model, BeanUse use, List<Refusal> refusals) {
        String expression = TollgateCode.expressionOf(use.bean().name());
        if (!use.serviceTaskDelegate() || !(model.getModelElementById(use.ownerId()) instanceof ServiceTask task)) {
            refusals.add(new Refusal(use.ownerId(), "uses " + expression + ", which reaches an outside system and "
                    + "may only be the delegate expression of a service task"));
            return;
        }
        if (!task.isCamundaAsyncBefore()) {
            refusals.add(new Refusal(task.getId(), "runs " + expression + ", which reaches an outside system, "
                    + "without camunda:asyncBefore=\"true\" (it must run in its own job)"));
        }
        boolean retryCycle = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
                .filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
                .anyMatch(cycle -> cycle.getTextContent() != null && !cycle.getTextContent().isBlank());
        if (!retryCycle) {
            refusals.add(new Refusal(task.getId(), "runs " + expression + ", which reaches an outside system, "
                    + "without a camunda:failedJobRetryTimeCycle"));
        }
    }

    private static String describe(Set<Step> needs) {
        return needs.stream().map(step -> ("aeiou".indexOf(step.value.charAt(0)) >= 0 ? "an " : "a ") + step.value
                + " approval").collect(Collectors.joining(" or "))
                + " (a user task with the property " + ApprovalSteps.PROPERTY + " and its approval listeners)";
    }

    /** The id of the element whose extension properties hold {@code property}; null when it is not one's. */
    private static String owner(CamundaProperty property) {
        ModelElementInstance properties = property.getParentElement();
        ModelElementInstance extensions = properties == null ? null : properties.getParentElement();
        ModelElementInstance owner = extensions == null ? null : extensions.getParentElement();
        return owner instanceof BaseElement base ? base.getId() : null;
    }

    private static boolean within(BpmnModelInstance model, String id, Process process) {
        return id != null && within(model.getModelElementById(id), process);
    }

    private static boolean within(ModelElementInstance element, Process process) {
        for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
            if (at == process || at.equals(process)) {
                return true;
            }
        }
        return false;
    }

    /** The walk over the whole document, attributes and text alike. */
    private final class Sweep {

        final List<Refusal> refusals = new ArrayList<>();
        final List<BeanUse> uses = new ArrayList<>();
        final Set<String> externalTasks = new LinkedHashSet<>();

        void element(Element element, String outerId) {
            String namespace = element.getNamespaceURI();
            String name = element.getLocalName();
            if (DIAGRAM_NAMESPACES.contains(namespace)
                    || BPMN20_NS.equals(namespace) && UNCHECKED_TEXT.contains(name)) {
                return;
            }
            String ownerId = element.getAttribute(ID).isEmpty() ? outerId : element.getAttribute(ID);
            if (ACTIVITI_NS.equals(namespace)) {
                refuse(ownerId, "uses the legacy activiti namespace (" + name + "); use camunda's");
            } else if (BPMN20_NS.equals(namespace) && SCRIPT_TASK.equals(name)) {
                refuse(ownerId, "is a script task: scripts run any code on the server");
            } else if (CAMUNDA_NS.equals(namespace) && SCRIPT.equals(name)) {
                refuse(ownerId, "has a script (camunda:script): scripts run any code on the server");
            } else if (CAMUNDA_NS.equals(namespace) && CONNECTOR.equals(name)) {
                refuse(ownerId, "has a connector (camunda:connector): it calls outside systems from the engine");
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                attribute(element, (Attr) attributes.item(i), ownerId);
            }
            StringBuilder text = new StringBuilder();
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    text.append(child.getNodeValue());
                } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                    element((Element) child, ownerId);
                }
            }
            if (ExpressionRules.mayBeExpression(text.toString())) {
                expression(element, null, text.toString(), ownerId);
            }
        }

        private void attribute(Element element, Attr attribute, String ownerId) {
            String namespace = attribute.getNamespaceURI();
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            String value = attribute.getValue();
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace)) {
                return;
            }
            if (ACTIVITI_NS.equals(namespace)) {
                refuse(ownerId, "uses the legacy activiti namespace (" + name + "); use camunda's");
            } else if ((CLASS.equals(name) || name.endsWith(CLASS_SUFFIX)) && !value.isBlank()) {
                refuse(ownerId, "names the Java class '" + value + "' (" + attribute.getName()
                        + "); code is reached only through Tollgate's delegate expressions");
            } else if (SCRIPT_FORMAT.equals(name)) {
                refuse(ownerId, "has a script format (" + value + "): scripts run any code on the server");
            } else if (LANGUAGE.equals(name) && BPMN20_NS.equals(element.getNamespaceURI()) && !value.isBlank()) {
                refuse(ownerId, "is written in the script language '" + value + "': scripts run any code on the "
                        + "server");
            } else if (CAMUNDA_NS.equals(namespace) && TYPE.equals(name)) {
                if (EXTERNAL.equals(value)) {
                    externalTasks.add(ownerId);
                } else {
                    refuse(ownerId, "is a '" + value + "' task (camunda:type): only external tasks may have a type; "
                            + "shell and mail tasks reach the server and the outside world");
                }
            }
            if (ExpressionRules.mayBeExpression(value)) {
                expression(element, attribute, value, ownerId);
            }
        }

        private void expression(Element element, Attr attribute, String value, String ownerId) {
            String name = attribute == null ? null
                    : attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            boolean delegate = name != null && (DELEGATE_EXPRESSION.equals(name)
                    || name.endsWith(DELEGATE_EXPRESSION_SUFFIX));
            Verdict verdict = rules.check(value, delegate);
            verdict.problems().forEach(problem -> refuse(ownerId, problem));
            boolean serviceTaskDelegate = attribute != null && BPMN20_NS.equals(element.getNamespaceURI())
                    && SERVICE_TASK.equals(element.getLocalName()) && CAMUNDA_NS.equals(attribute.getNamespaceURI())
                    && DELEGATE_EXPRESSION.equals(name);
            for (String bean : verdict.beans()) {
                Bean known = TollgateCode.BEANS.get(bean);
                if (known != null) {
                    uses.add(new BeanUse(known, ownerId, serviceTaskDelegate));
                }
            }
        }

        private void refuse(String elementId, String reason) {
            refusals.add(new Refusal(elementId, reason));
        }
    }
}
