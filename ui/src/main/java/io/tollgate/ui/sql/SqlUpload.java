package io.tollgate.ui.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;

/** Uploads of {@code .sql} files (UTF-8) into a {@link SqlEditor}, refused past a size limit. */
public final class SqlUpload {

    private SqlUpload() {
    }

    /**
     * An upload that puts the file's text into {@code editor}; {@code status} hears what happened ("Loaded x.sql",
     * or why the file was refused or could not be read).
     */
    public static Upload into(SqlEditor editor, long maxBytes, Consumer<String> status) {
        MemoryBuffer buffer = new MemoryBuffer();
        Upload upload = new Upload(buffer);
        upload.setAcceptedFileTypes(".sql", "text/plain", "application/sql");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxBytes));
        upload.addSucceededListener(e -> {
            try (InputStream in = buffer.getInputStream()) {
                editor.setValue(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                status.accept("Loaded " + e.getFileName() + ".");
            } catch (IOException ex) {
                status.accept("Could not read " + e.getFileName() + ": " + ex.getMessage());
            }
        });
        upload.addFileRejectedListener(e -> status.accept("File refused: " + e.getErrorMessage()
                + " (the limit is " + maxBytes + " bytes)"));
        return upload;
    }
}
