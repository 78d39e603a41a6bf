package io.tollgate.engine.servicetree.internal;

import java.util.List;
import java.util.Map;

import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.Server;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import io.tollgate.integrations.servicetree.TreeNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the service tree for scripts ({@code /api/v1}, HTTP Basic, for whoever may read the tree): a node with a page
 * of its children (by name), the root, and a search by name. Reads come from the UI's view of the tree, never one
 * reply per whole tree, so they answer in bounded time and memory whatever the tree's size (ADR 0017).
 */
@RestController
class ServiceTreeNodeController {

    static final String NODES = "/api/v1/service-tree/nodes";
    static final int MAX_PAGE = 500;
    static final int MAX_SEARCH = 200;

    /** A node with its place in the tree and a page of its children. */
    record Node(long id, String name, Long parentId, String path, String level, List<String> owners,
                List<Server> servers, List<String> urls, Map<String, String> attributes, int childCount,
                int offset, int limit, List<Child> children) {
    }

    /** A child as a page lists it: enough to go on browsing. */
    record Child(long id, String name, String path, String level, int childCount, int servers) {
    }

    private final ServiceTreeView tree;

    ServiceTreeNodeController(ServiceTreeView tree) {
        this.tree = tree;
    }

    @GetMapping(NODES + "/root")
    ResponseEntity<?> root(@RequestParam(defaultValue = "0") int offset,
                           @RequestParam(defaultValue = "100") int limit, Authentication user) {
        Permissions.require(user, Permission.AUDIT_TREE);
        checkPage(offset, limit);
        return tree.root().<ResponseEntity<?>>map(root -> ResponseEntity.ok(node(root, offset, limit)))
                .orElseGet(() -> notFound("the service tree is empty"));
    }

    @GetMapping(NODES + "/{id}")
    ResponseEntity<?> node(@PathVariable long id, @RequestParam(defaultValue = "0") int offset,
                           @RequestParam(defaultValue = "100") int limit, Authentication user) {
        Permissions.require(user, Permission.AUDIT_TREE);
        checkPage(offset, limit);
        return tree.node(id).<ResponseEntity<?>>map(node -> ResponseEntity.ok(node(node, offset, limit)))
                .orElseGet(() -> notFound("no service-tree node " + id));
    }

    /** Nodes whose name contains {@code q}, ignoring case, by path. */
    @GetMapping(NODES)
    List<Child> search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "50") int limit,
                       Authentication user) {
        Permissions.require(user, Permission.AUDIT_TREE);
        if (q == null || q.isBlank()) {
            throw new InvalidRequestException("q", "q is required: the text to look for in node names");
        }
        if (q.length() > TreeNode.MAX_NAME_LENGTH) {
            throw new InvalidRequestException("q", "q is longer than a node name can be (" + TreeNode.MAX_NAME_LENGTH
                    + " characters)");
        }
        if (limit < 1 || limit > MAX_SEARCH) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_SEARCH + ", not " + limit);
        }
        return tree.search(q.strip(), limit).stream().map(this::child).toList();
    }

    private Node node(NodeView view, int offset, int limit) {
        TreeNode node = view.node();
        List<Child> children = tree.children(node.id(), offset, limit).stream().map(this::child).toList();
        return new Node(node.id(), node.name(), node.parentId(), view.path(), level(view), node.owners(),
                node.servers(), node.urls(), node.attributes(), tree.childCount(node.id()), offset, limit, children);
    }

    private Child child(NodeView view) {
        return new Child(view.node().id(), view.node().name(), view.path(), level(view),
                tree.childCount(view.node().id()), view.node().servers().size());
    }

    private static String level(NodeView view) {
        return view.level().name();
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0) {
            throw new InvalidRequestException("offset", "offset must be 0 or more, not " + offset);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_PAGE + ", not " + limit);
        }
    }

    private static ResponseEntity<?> notFound(String message) {
        return ApiProblem.of(message).answer(HttpStatus.NOT_FOUND);
    }
}
