package dev.csvtest.seeding;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;

import dev.csvtest.function.json.Json;

/**
 * The answer to one CloudFormation custom resource request, as PUT to its pre-signed {@code ResponseURL}.
 *
 * <p>Fields and limits follow the custom resource response objects reference: the whole body stays under 4,096
 * bytes, so the reason is cut to {@value #MAX_REASON} characters (at most six bytes each once the JSON writer has
 * escaped everything outside ASCII) and {@code Data} holds a few short strings.
 *
 * @param status             SUCCESS or FAILED
 * @param physicalResourceId the resource's id; CloudFormation treats a changed id on Update as a replacement
 * @param reason             why it failed (required with FAILED), else {@code null}
 * @param data               values for {@code Fn::GetAtt}
 */
record CustomResourceResponse(Status status, String physicalResourceId, String reason, Map<String, String> data) {

    enum Status { SUCCESS, FAILED }

    /** 500 characters of reason, each at most six bytes escaped, leave room for the ids in 4,096 bytes. */
    static final int MAX_REASON = 500;

    CustomResourceResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(physicalResourceId, "physicalResourceId");
        data = data == null ? Map.of() : Map.copyOf(data);
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "...";
        }
    }

    static CustomResourceResponse success(String physicalResourceId, Map<String, String> data) {
        return new CustomResourceResponse(Status.SUCCESS, physicalResourceId, null, data);
    }

    static CustomResourceResponse failed(String physicalResourceId, String reason) {
        return new CustomResourceResponse(Status.FAILED, physicalResourceId, Objects.requireNonNull(reason, "reason"), null);
    }

    /** The JSON body CloudFormation expects, echoing the request's identifiers. */
    String toJson(CloudFormationCustomResourceEvent request) {
        var json = Json.object().put("Status", status.name());
        if (reason != null) {
            json.put("Reason", reason);
        }
        var values = Json.object();
        new TreeMap<>(data).forEach(values::put);
        return json.put("PhysicalResourceId", physicalResourceId)
                .put("StackId", request.getStackId())
                .put("RequestId", request.getRequestId())
                .put("LogicalResourceId", request.getLogicalResourceId())
                .put("NoEcho", false)
                .put("Data", values)
                .toString();
    }
}
