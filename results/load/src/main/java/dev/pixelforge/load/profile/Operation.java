package dev.pixelforge.load.profile;

/** What each request of a load run asks the function to do. */
public enum Operation {
    /**
     * POST /tone with the study's JSON body: the image in base64 (the first study's JMeter plan).
     */
    TONE_JSON("tone-json"),
    /** POST /tone with the image itself as the body. */
    TONE("tone"),
    /**
     * POST /generate, one 256x256 image per request, seeded by thread (the second study's
     * generator).
     */
    GENERATE("generate");

    private final String id;

    Operation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Operation of(String id) {
        for (Operation o : values()) {
            if (o.id.equals(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "no operation '" + id + "': tone-json, tone or generate");
    }
}
