package dev.csvtest.local.template;

import java.util.Map;

/**
 * A custom resource backed by one of the template's functions ({@code ServiceToken: !GetAtt Fn.Arn}): the local
 * stack sends it CloudFormation's {@code Create} request when it starts, as a deploy would.
 *
 * @param logicalId  the resource's logical id
 * @param type       {@code Custom::Something} or {@code AWS::CloudFormation::CustomResource}
 * @param functionId the logical id of the function behind {@code ServiceToken}
 * @param properties its resolved {@code Properties}, {@code ServiceToken} included
 */
public record CustomResourceSpec(String logicalId, String type, String functionId, Map<String, Object> properties) {

    public CustomResourceSpec {
        properties = Map.copyOf(properties);
    }
}
