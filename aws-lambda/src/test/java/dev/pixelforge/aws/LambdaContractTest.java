package dev.pixelforge.aws;

import dev.pixelforge.core.contract.Backend;
import dev.pixelforge.core.contract.ImageApiContract;

import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/** The contract through API Gateway REST proxy events into the real Lambda handler. */
class LambdaContractTest extends ImageApiContract {

    @Override
    protected Backend startBackend() throws Exception {
        // The no-argument constructor is the one Lambda calls: it reads this module's
        // application.yml.
        return new ApiGatewayRestBackend(new ApiGatewayProxyRequestEventFunction());
    }
}
