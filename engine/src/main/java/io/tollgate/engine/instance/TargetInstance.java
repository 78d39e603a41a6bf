package io.tollgate.engine.instance;

import java.time.Instant;
import java.util.UUID;

import io.tollgate.engine.review.Environment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "target_instance")
class TargetInstance {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "host", nullable = false, length = 255)
    private String host;

    @Column(name = "port", nullable = false)
    private int port;

    @Column(name = "username", nullable = false, length = 100)
    private String username;

    @Column(name = "password_cipher", nullable = false, length = 1000)
    private String passwordCipher;

    @Enumerated(EnumType.STRING)
    @Column(name = "environment", nullable = false, length = 10)
    private Environment environment;

    @Column(name = "read_only", nullable = false)
    private boolean readOnly;

    @Column(name = "reviewer_group", nullable = false, length = 100)
    private String reviewerGroup;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 100)
    private String updatedBy;

    protected TargetInstance() {
    }

    TargetInstance(InstanceForm form, String passwordCipher, String actor, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.createdAt = now;
        apply(form, passwordCipher, actor, now);
    }

    void apply(InstanceForm form, String passwordCipher, String actor, Instant now) {
        this.name = form.name().strip();
        this.host = form.host().strip();
        this.port = form.port();
        this.username = form.username().strip();
        if (passwordCipher != null) {
            this.passwordCipher = passwordCipher;
        }
        this.environment = form.environment();
        this.readOnly = form.readOnly();
        this.reviewerGroup = form.reviewerGroup().strip();
        this.updatedAt = now;
        this.updatedBy = actor;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    String passwordCipher() {
        return passwordCipher;
    }

    InstanceView view() {
        return new InstanceView(id, name, host, port, username, environment, readOnly, reviewerGroup, updatedAt, updatedBy);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String username() {
        return username;
    }

    @Override
    public String toString() {
        return "TargetInstance[" + name + " " + username + "@" + host + ":" + port + "]";
    }
}
