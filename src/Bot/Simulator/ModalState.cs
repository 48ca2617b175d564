using System.Text.Json.Nodes;

namespace PeerBot.Bot.Simulator;

/// <summary>Builds a modal's <c>view.state.values</c> from what was typed and chosen, shaped by each input's element type.</summary>
public static class ModalState
{
    public static JsonObject Values(JsonObject view, IReadOnlyDictionary<string, IReadOnlyList<string>> chosen)
    {
        var values = new JsonObject();
        foreach (var block in view["blocks"] as JsonArray ?? [])
        {
            if (block?["type"]?.GetValue<string>() != "input" || block["block_id"]?.GetValue<string>() is not { } blockId || block["element"] is not JsonObject element)
            {
                continue;
            }

            var type = element["type"]?.GetValue<string>() ?? "plain_text_input";
            var actionId = element["action_id"]?.GetValue<string>() ?? "value";
            var picked = chosen.GetValueOrDefault(blockId) ?? [];
            JsonObject Option(string v) => new()
            {
                ["text"] = (element["options"] as JsonArray ?? []).FirstOrDefault(o => o?["value"]?.GetValue<string>() == v)?["text"]?.DeepClone()
                    ?? new JsonObject { ["type"] = "plain_text", ["text"] = v },
                ["value"] = v,
            };
            var state = new JsonObject { ["type"] = type };
            switch (type)
            {
                case "static_select":
                    state["selected_option"] = picked.FirstOrDefault(p => p.Length > 0) is { } one ? Option(one) : null;
                    break;
                case "multi_static_select":
                    state["selected_options"] = new JsonArray([.. picked.Where(p => p.Length > 0).Select(p => (JsonNode)Option(p))]);
                    break;
                default:
                    // Slack sends null for an empty text input.
                    state["value"] = picked.FirstOrDefault() is { Length: > 0 } text ? text : null;
                    break;
            }

            values[blockId] = new JsonObject { [actionId] = state };
        }

        return values;
    }
}
