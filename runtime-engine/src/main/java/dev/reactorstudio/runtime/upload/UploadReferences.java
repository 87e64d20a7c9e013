package dev.reactorstudio.runtime.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the {@code uploads} of a command frame — the JS SDK moves FileRef arguments there as
 * {@code {"<param>": {"upload_id","name","mime_type","size"}}} — to the files a command receives.
 * Every bad reference is named before the call is refused, like any other argument problem.
 */
public final class UploadReferences {

    private UploadReferences() {
    }

    /**
     * @param uploads the frame's {@code uploads}; null, missing or JSON null mean none
     * @return the files by parameter name, in the frame's order
     * @throws UploadRejectedException naming each bad reference ({@code image: unknown upload id ...})
     */
    public static Map<String, UploadedFile> resolve(UploadStore store, String sessionId, String owner, JsonNode uploads)
            throws UploadRejectedException {
        Map<String, UploadedFile> files = new LinkedHashMap<>();
        if (uploads == null || uploads.isMissingNode() || uploads.isNull()) {
            return files;
        }
        if (!uploads.isObject()) {
            throw new UploadRejectedException(UploadRejectedException.BAD_REQUEST,
                    "uploads must be an object of {\"<param>\": {\"upload_id\": ...}}");
        }
        List<String> problems = new ArrayList<>();
        int status = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = uploads.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode reference = entry.getValue();
            String id = reference.path("upload_id").isTextual() ? reference.get("upload_id").textValue() : null;
            if (id == null) {
                problems.add(entry.getKey() + ": the upload reference has no upload_id");
                status = status == 0 ? UploadRejectedException.BAD_REQUEST : status;
                continue;
            }
            long claimedSize = reference.path("size").canConvertToLong() ? reference.get("size").longValue() : -1;
            try {
                files.put(entry.getKey(), store.resolve(sessionId, owner, id, claimedSize));
            } catch (UploadRejectedException e) {
                problems.add(entry.getKey() + ": " + e.getMessage());
                status = status == 0 ? e.status() : status;
            }
        }
        if (!problems.isEmpty()) {
            throw new UploadRejectedException(status, problems);
        }
        return files;
    }
}
