package dev.pixelforge.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.Backend;
import dev.pixelforge.core.contract.Call;
import dev.pixelforge.core.contract.ImageApiContract;
import dev.pixelforge.core.contract.Reply;

import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

import org.junit.jupiter.api.Test;

/** The contract through API Gateway REST proxy events into the real Lambda handler. */
class LambdaContractTest extends ImageApiContract {

    @Override
    protected Backend startBackend() throws Exception {
        // The no-argument constructor is the one Lambda calls: it reads this module's
        // application.yml.
        return new ApiGatewayRestBackend(new ApiGatewayProxyRequestEventFunction());
    }

    /**
     * Lambda returns at most 6 MB (6,291,456 bytes) through API Gateway, every answer in base64:
     * this module's configuration holds answers to 4,650,000 bytes, 6,200,000 in base64, and work
     * to API Gateway's 29 s.
     */
    @Test
    void answerLimitAndDeadline_areWhatApiGatewayCanReturnAndWaitFor() throws Exception {
        Reply health = send(Call.get("/health"));
        assertTrue(health.text().contains("\"maxAnswerBytes\":4650000"), health::toString);
        // API Gateway's integration timeout: past it the client has had its 504.
        assertTrue(health.text().contains("\"maxRequestMillis\":29000"), health::toString);
    }
}
