package io.tollgate.integrations.servicetree;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A requested change to the service tree. Each kind is a record carrying its {@link ChangeMeta}; they serialize to
 * JSON with a {@code kind} property, so a process can keep one as a variable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServiceTreeChange.Create.class, name = "create"),
        @JsonSubTypes.Type(value = ServiceTreeChange.Rename.class, name = "rename"),
        @JsonSubTypes.Type(value = ServiceTreeChange.Move.class, name = "move"),
        @JsonSubTypes.Type(value = ServiceTreeChange.Delete.class, name = "delete"),
        @JsonSubTypes.Type(value = ServiceTreeChange.BindServers.class, name = "bindServers"),
        @JsonSubTypes.Type(value = ServiceTreeChange.UnbindServers.class, name = "unbindServers"),
        @JsonSubTypes.Type(value = ServiceTreeChange.SetTrafficRatios.class, name = "setTrafficRatios"),
        @JsonSubTypes.Type(value = ServiceTreeChange.SetOwners.class, name = "setOwners"),
        @JsonSubTypes.Type(value = ServiceTreeChange.SetAttributes.class, name = "setAttributes")
})
public sealed interface ServiceTreeChange {

    ChangeMeta meta();

    /** The node the change is about; for a create, the new node's parent. */
    long nodeId();

    /** Creates a node named {@code name} under {@code parentId}. */
    record Create(ChangeMeta meta, long parentId, String name, List<String> owners, Map<String, String> attributes)
            implements ServiceTreeChange {
        @Override
        public long nodeId() {
            return parentId;
        }
    }

    record Rename(ChangeMeta meta, long nodeId, String newName) implements ServiceTreeChange {
    }

    /** Moves a node, with its subtree, under {@code newParentId}. */
    record Move(ChangeMeta meta, long nodeId, long newParentId) implements ServiceTreeChange {
    }

    /** Deletes an empty leaf without servers. */
    record Delete(ChangeMeta meta, long nodeId) implements ServiceTreeChange {
    }

    /** Binds servers to an IDC leaf; a host name already bound there is refused. */
    record BindServers(ChangeMeta meta, long nodeId, List<Server> servers) implements ServiceTreeChange {
        public BindServers {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }
    }

    record UnbindServers(ChangeMeta meta, long nodeId, List<String> hostnames) implements ServiceTreeChange {
        public UnbindServers {
            hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        }
    }

    /** Sets the traffic ratio of some of a leaf's servers (by host name); the others keep theirs. */
    record SetTrafficRatios(ChangeMeta meta, long nodeId, Map<String, BigDecimal> ratios)
            implements ServiceTreeChange {
        public SetTrafficRatios {
            ratios = ratios == null ? Map.of() : Map.copyOf(ratios);
        }
    }

    /** Replaces a node's owners. */
    record SetOwners(ChangeMeta meta, long nodeId, List<String> owners) implements ServiceTreeChange {
    }

    /** Replaces a node's free-form attributes. */
    record SetAttributes(ChangeMeta meta, long nodeId, Map<String, String> attributes) implements ServiceTreeChange {
    }
}
