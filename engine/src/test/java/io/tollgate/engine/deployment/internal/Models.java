package io.tollgate.engine.deployment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** The shipped models, read with Camunda's model API, and the changes the tests make to them. */
final class Models {

    private Models() {
    }

    static BpmnModelInstance read(String classpathResource) {
        try (InputStream in = Models.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException(classpathResource + " is not on the classpath");
            }
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends ModelElementInstance> T element(BpmnModelInstance model, String id) {
        T element = model.getModelElementById(id);
        if (element == null) {
            throw new IllegalStateException("no element " + id);
        }
        return element;
    }

    /**
     * Takes the flow node {@code id} (one incoming and one outgoing flow) out of the model and reconnects: its
     * incoming flow now ends where its outgoing flow ended.
     */
    static void bypass(BpmnModelInstance model, String id) {
        FlowNode node = element(model, id);
        List<SequenceFlow> incoming = model.getModelElementsByType(SequenceFlow.class).stream()
                .filter(f -> f.getTarget() == node).toList();
        List<SequenceFlow> outgoing = model.getModelElementsByType(SequenceFlow.class).stream()
                .filter(f -> f.getSource() == node).toList();
        if (incoming.size() != 1 || outgoing.size() != 1) {
            throw new IllegalStateException(id + " has not exactly one incoming and one outgoing flow");
        }
        FlowNode next = outgoing.get(0).getTarget();
        incoming.get(0).setTarget(next);
        next.getIncoming().add(incoming.get(0));
        remove(model, outgoing.get(0));
        remove(model, node);
    }

    /** Removes {@code element} and its diagram shape or edge. */
    static void remove(BpmnModelInstance model, BaseElement element) {
        model.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnElement() == element).toList()
                .forEach(s -> s.getParentElement().removeChildElement(s));
        model.getModelElementsByType(BpmnEdge.class).stream().filter(e -> e.getBpmnElement() == element).toList()
                .forEach(e -> e.getParentElement().removeChildElement(e));
        element.getParentElement().removeChildElement(element);
    }

    /** A new sequence flow {@code id} from {@code source} to {@code target}, in the source's scope. */
    static SequenceFlow connect(BpmnModelInstance model, String id, String source, String target) {
        FlowNode from = element(model, source);
        FlowNode to = element(model, target);
        SequenceFlow flow = model.newInstance(SequenceFlow.class);
        flow.setId(id);
        from.getParentElement().addChildElement(flow);
        flow.setSource(from);
        flow.setTarget(to);
        from.getOutgoing().add(flow);
        to.getIncoming().add(flow);
        return flow;
    }
}
