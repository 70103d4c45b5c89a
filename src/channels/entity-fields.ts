import { createRequire } from "node:module";

// The Bot Framework connector client serialises an activity's entities through a model that knows
// only `type`, `text` and `mentioned`: every other field is silently dropped on the way to Teams,
// so the `mskTriageOutcome` entity would arrive as `{ "type": "mskTriageOutcome" }`. Allowing
// additional properties on that model (a shared object inside botframework-connector, which
// botbuilder 4.23 pins) keeps the decision's fields. Tests over the fake connector prove it.

interface EntityMapper {
  type: { additionalProperties?: unknown };
}

let done = false;

export function keepEntityFields(): void {
  if (done) return;
  const require = createRequire(import.meta.url);
  const botbuilder = require.resolve("botbuilder");
  const connector = require.resolve("botframework-connector", { paths: [botbuilder] });
  const mappers = require(connector.replace(/lib[\\/]index\.js$/, "lib/connectorApi/models/mappers.js")) as {
    Entity?: EntityMapper;
  };
  if (!mappers.Entity) throw new Error("botframework-connector has no Entity model: check keepEntityFields");
  mappers.Entity.type.additionalProperties = { type: { name: "Object" } };
  done = true;
}
