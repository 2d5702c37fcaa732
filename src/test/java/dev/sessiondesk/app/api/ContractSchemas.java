package dev.sessiondesk.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sessiondesk.model.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The goose-server 1.34.0 shapes (src/test/resources/contract), as validators. */
final class ContractSchemas {
    static final String RESOURCE = "/contract/goose-server-1.34.0.schema.json";
    private static final JsonNode DOCUMENT = load();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private ContractSchemas() {
    }

    private static JsonNode load() {
        try (InputStream in = ContractSchemas.class.getResourceAsStream(RESOURCE)) {
            return CanonicalJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** What is wrong with {@code instance} as goose's {@code shape}; empty when it conforms. */
    static List<String> violations(String shape, JsonNode instance) {
        if (!DOCUMENT.path("$defs").has(shape)) {
            throw new IllegalArgumentException("no shape " + shape + " in " + RESOURCE);
        }
        ObjectNode root = DOCUMENT.deepCopy();
        root.put("$ref", "#/$defs/" + shape);
        Schema schema = REGISTRY.getSchema(root);
        List<Error> errors = schema.validate(instance, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
