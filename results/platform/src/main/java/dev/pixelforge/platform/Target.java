package dev.pixelforge.platform;

/** The three deployment targets, by the names used in headers, profiles, samples and reports. */
public enum Target {
    AWS_LAMBDA("aws-lambda"),
    GCP_FUNCTION("gcp-function"),
    CONTAINER("container");

    private final String id;

    Target(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Target of(String id) {
        for (Target t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "no target '" + id + "': aws-lambda, gcp-function or container");
    }
}
