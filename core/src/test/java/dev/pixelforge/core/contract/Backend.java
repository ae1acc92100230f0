package dev.pixelforge.core.contract;

/**
 * A target under test: the real deployable, reached the way its platform reaches it. Each target
 * module supplies one in a few lines; the cases live in {@link ImageApiContract}.
 */
public interface Backend extends AutoCloseable {

    /** The name the target reports in {@code X-PixelForge-Target}. */
    String target();

    Reply send(Call call) throws Exception;

    @Override
    default void close() throws Exception {}
}
