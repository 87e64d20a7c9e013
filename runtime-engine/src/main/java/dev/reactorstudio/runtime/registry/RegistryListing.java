package dev.reactorstudio.runtime.registry;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Lists what the registry holds: the weight folders under the prefix, and the objects of one weight. */
final class RegistryListing {
    private final S3Client s3;
    private final RegistryLocation location;
    private final RegistrySettings settings;

    RegistryListing(S3Client s3, RegistrySettings settings) throws RegistryException {
        this.s3 = s3;
        this.settings = settings;
        this.location = settings.requireLocation();
    }

    /** The weight names (folders) directly under the prefix, sorted. */
    List<String> weightNames() throws RegistryException {
        String root = location.rootPrefix();
        List<String> names = new ArrayList<>();
        try {
            var request = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(root).delimiter("/").build();
            for (var page : s3.listObjectsV2Paginator(request)) {
                for (CommonPrefix p : page.commonPrefixes()) {
                    String name = p.prefix().substring(root.length());
                    names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
                }
            }
        } catch (RuntimeException e) {
            throw ErrorTranslator.translate(e, "listing " + location, settings);
        }
        names.sort(null);
        return names;
    }

    /** Every object of {@code weight} with its safe relative path; fails naming what the registry does hold. */
    List<RemoteObject> objects(String weight) throws RegistryException {
        String prefix = location.weightPrefix(weight);
        List<RemoteObject> objects = new ArrayList<>();
        try {
            var request = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix).build();
            for (var page : s3.listObjectsV2Paginator(request)) {
                for (S3Object o : page.contents()) {
                    if (o.key().endsWith("/") && o.size() == 0) {
                        continue; // a "folder" marker made by consoles; it holds no data
                    }
                    objects.add(new RemoteObject(o.key(), SafeKeys.relativePath(prefix, o.key()), o.size(), ETags.strip(o.eTag())));
                }
            }
        } catch (RuntimeException e) {
            throw ErrorTranslator.translate(e, "listing s3://" + location.bucket() + "/" + prefix, settings);
        }
        if (objects.isEmpty()) {
            throw notFound(weight);
        }
        return objects;
    }

    private RegistryException notFound(String weight) throws RegistryException {
        List<String> names = weightNames();
        if (names.isEmpty()) {
            return new RegistryException(RegistryProblem.PREFIX_EMPTY, "weight \"" + weight + "\" is not in the registry: "
                    + location + " holds no weights at all — check the prefix in --registry / " + RegistrySettings.REGISTRY_VARIABLE
                    + ", or publish one with `reactor weights push " + weight + " PATH`");
        }
        return new RegistryException(RegistryProblem.WEIGHT_NOT_FOUND, "weight \"" + weight + "\" is not in the registry "
                + location + " — it holds: " + String.join(", ", names));
    }
}
