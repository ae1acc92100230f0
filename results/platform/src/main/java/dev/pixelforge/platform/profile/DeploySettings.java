package dev.pixelforge.platform.profile;

import dev.pixelforge.platform.Target;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the deploy scripts need from the platform profile, computed by the one reader of it ({@link
 * PlatformProfile}), so that a deployed target gets exactly the size the stand-ins, the cost and
 * the sweep model: {@code ./pixelforge profile --deploy} prints these as {@code key=value} lines,
 * and the scripts hold no defaults of their own.
 *
 * <p>{@code gcp-function.cpu-flag} is empty unless {@code gcp-function.cpus} is set: with no {@code
 * --cpu}, Google gives a gen2 function its memory tier's CPU (1 GiB: 0.583 vCPU), which is the
 * share the stand-ins model; deploying {@code --cpu=1} instead gave the cloud 1.7 times the local
 * CPU.
 */
public final class DeploySettings {

    private DeploySettings() {}

    public static Map<String, String> of(PlatformProfile profile) {
        Map<String, String> out = new TreeMap<>();
        TargetProfile lambda = profile.of(Target.AWS_LAMBDA);
        out.put("aws-lambda.memory-mb", Integer.toString(lambda.memoryMb()));
        out.put("aws-lambda.reserved-concurrency", Integer.toString(lambda.maxInstances()));
        out.put("aws-lambda.timeout-s", Long.toString(seconds(lambda.timeout().toMillis())));
        ApiGateway api = profile.apiGateway();
        out.put("aws-lambda.api-rate-limit", number(api.rateLimit()));
        out.put("aws-lambda.api-burst-limit", Integer.toString(api.burstLimit()));
        out.put("aws-lambda.api-quota-per-day", Long.toString(api.quotaPerDay()));
        for (Target t : new Target[] {Target.GCP_FUNCTION, Target.CONTAINER}) {
            TargetProfile p = profile.of(t);
            String k = t.id() + ".";
            out.put(k + "memory-mb", Integer.toString(p.memoryMb()));
            out.put(k + "cpus", number(p.cpus()));
            out.put(
                    k + "cpu-flag",
                    t == Target.CONTAINER || profile.isSet(k + "cpus") ? number(p.cpus()) : "");
            out.put(k + "concurrency", Integer.toString(p.concurrency()));
            out.put(k + "max-instances", Integer.toString(p.maxInstances()));
            out.put(k + "min-instances", Integer.toString(p.scaling().minInstances()));
            out.put(k + "timeout-s", Long.toString(seconds(p.timeout().toMillis())));
        }
        return out;
    }

    /** Whole seconds, rounded up, at least 1: what the clouds' timeout flags take. */
    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String number(double v) {
        return v == Math.rint(v)
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
