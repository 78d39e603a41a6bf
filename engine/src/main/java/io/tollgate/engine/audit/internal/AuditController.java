package io.tollgate.engine.audit.internal;

import java.util.List;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.audit.AuditAnchor;
import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditExport;
import io.tollgate.engine.audit.AuditFilter;
import io.tollgate.engine.audit.AuditSearch;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.audit.AuditVerification;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/v1/audit}: the trail, newest first, under filters (paged with {@code before}, the last id seen; the
 * next page's {@code before} is in the {@code X-Next-Before} header), its export, and the chain's verification, for
 * those who read history.
 */
@RestController
class AuditController {

    static final String NEXT = "X-Next-Before";

    private final AuditTrail trail;
    private final AuditSearch search;
    private final AuditExport export;

    AuditController(AuditTrail trail, AuditSearch search, AuditExport export) {
        this.trail = trail;
        this.search = search;
        this.export = export;
    }

    @GetMapping("/api/v1/audit")
    ResponseEntity<List<AuditEntry>> entries(@RequestParam(required = false) Integer limit,
                                             @RequestParam(required = false) Long before,
                                             @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to,
                                             @RequestParam(required = false) String actor,
                                             @RequestParam(required = false) String kind,
                                             @RequestParam(required = false) String subject,
                                             @RequestParam(required = false) String instance,
                                             @RequestParam(required = false) String database,
                                             @RequestParam(required = false) String environment,
                                             @RequestParam(required = false) String outcome,
                                             @RequestParam(required = false) String text,
                                             Authentication user) {
        AuditFilter filter = AuditFilter.of(from, to, actor, kind, subject, instance, database, environment, outcome,
                text);
        int size = limit == null ? 100 : limit;
        List<AuditEntry> page = search.page(user.getName(), filter, before, 0, size);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.size() == size) {
            ok.header(NEXT, String.valueOf(page.get(page.size() - 1).id()));
        }
        return ok.body(page);
    }

    @GetMapping("/api/v1/audit/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String format,
                                                 @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to,
                                                 @RequestParam(required = false) String actor,
                                                 @RequestParam(required = false) String kind,
                                                 @RequestParam(required = false) String subject,
                                                 @RequestParam(required = false) String instance,
                                                 @RequestParam(required = false) String database,
                                                 @RequestParam(required = false) String environment,
                                                 @RequestParam(required = false) String outcome,
                                                 @RequestParam(required = false) String text,
                                                 Authentication user, HttpServletRequest request) {
        AuditExport.Format f = AuditExport.Format.of(format == null ? "csv" : format);
        AuditFilter filter = AuditFilter.of(from, to, actor, kind, subject, instance, database, environment, outcome,
                text);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(export.fileName(f)).build().toString());
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            // what an export would be, to the same readers; nothing exported, so nothing recorded as an export
            export.requireReader(user.getName());
            return ok.build();
        }
        AuditExport.Writing writing = export.start(user.getName(), filter, f, request.getRemoteAddr());
        return ok.body(writing::to);
    }

    @GetMapping("/api/v1/audit/verification")
    AuditVerification verify(@RequestParam(required = false) Long anchorSeq,
                             @RequestParam(required = false) String anchorHash, Authentication user) {
        if ((anchorSeq == null) != (anchorHash == null)) {
            throw new InvalidRequestException("anchorSeq and anchorHash go together: give both or neither");
        }
        if (anchorHash != null && !anchorHash.matches("[0-9a-f]{64}")) {
            throw new InvalidRequestException("anchorHash", "anchorHash must be 64 lower-case hex digits (a SHA-256)");
        }
        if (anchorSeq != null && anchorSeq < 1) {
            throw new InvalidRequestException("anchorSeq", "anchorSeq must be a place in the chain (1 or more)");
        }
        return trail.verify(user.getName(), anchorSeq == null ? null : new AuditAnchor(null, anchorSeq, anchorHash));
    }
}
