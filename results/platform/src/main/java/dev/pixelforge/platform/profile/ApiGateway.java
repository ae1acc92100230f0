package dev.pixelforge.platform.profile;

/**
 * API Gateway in front of Lambda: the throttle and daily quota a private deployment's usage plan
 * and stage get ({@code deploy.sh} reads them through {@link DeploySettings}), and whether the
 * local stand-in's gateway asks for a key as the deployed one does.
 *
 * @param rateLimit requests per second, steady ({@code aws-lambda.api-rate-limit}); a usage plan's
 *     and a stage's {@code rateLimit}, a decimal
 * @param burstLimit requests at once above the rate ({@code aws-lambda.api-burst-limit})
 * @param quotaPerDay requests per day through the key before 429 ({@code
 *     aws-lambda.api-quota-per-day})
 * @param localKeyRequired the stand-in's gateway answers 403 {@code {"message":"Forbidden"}} to a
 *     request without the run's key ({@code aws-lambda.api-key-required}; deployments are private
 *     unless {@code deploy.sh --public}, whatever this says)
 */
public record ApiGateway(
        double rateLimit, int burstLimit, long quotaPerDay, boolean localKeyRequired) {

    public ApiGateway {
        if (!(rateLimit > 0) || burstLimit < 1 || quotaPerDay < 1) {
            throw new IllegalArgumentException(
                    "aws-lambda.api-rate-limit, api-burst-limit and api-quota-per-day must be above"
                            + " 0: got "
                            + rateLimit
                            + ", "
                            + burstLimit
                            + ", "
                            + quotaPerDay);
        }
    }
}
