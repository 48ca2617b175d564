using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Workspaces;
using static PeerBot.Bot.Chat.JsonRead;

namespace PeerBot.Bot.Teams;

/// <summary>
/// Card input: <c>Action.Execute</c> invokes (<c>adaptiveCard/action</c>) and <c>Action.Submit</c> values
/// arriving as messages, both turned into a platform-neutral form submission or button click.
/// </summary>
public sealed partial class TeamsCardActions(CommandRouter router, ILogger<TeamsCardActions> log)
{
    public const string InvokeName = "adaptiveCard/action";

    /// <summary>True when a message's <c>value</c> is one of PeerBot's card submissions.</summary>
    public static bool IsCardSubmit(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && (v.TryGetProperty(AdaptiveCards.FormKey, out _) || v.TryGetProperty(AdaptiveCards.ActionKey, out _));

    /// <summary>Handles a card submission; the reply is what the card should show next (null: leave it).</summary>
    public async Task<CardResult> HandleAsync(Workspace workspace, TeamsActivity activity, JsonElement data, CancellationToken ct)
    {
        var caller = new Commands.ChatCaller(activity.From.Id, activity.From.Name);
        try
        {
            if (Str(data, AdaptiveCards.FormKey) is { Length: > 0 } formId)
            {
                var submission = new FormSubmission(workspace, caller, formId, Inputs(data), Str(data, AdaptiveCards.StateKey) ?? "");
                return await router.SubmitAsync(submission, ct) switch
                {
                    FormAccepted accepted => new CardResult(new MessageReply(accepted.Confirmation), Accepted: true),
                    FormRejected rejected => new CardResult(new MessageReply(Mistakes(rejected)), Accepted: false),
                    _ => new CardResult(null, Accepted: true),
                };
            }

            var actionId = Str(data, AdaptiveCards.ActionKey) ?? "";
            var action = new ChatAction(workspace, caller, actionId, Str(data, AdaptiveCards.ValueKey) ?? "");
            return new CardResult(await router.ClickAsync(action, ct), Accepted: true);
        }
        catch (UnknownInteractionException e)
        {
            LogUnknown(e.Message);
            return new CardResult(new MessageReply(ChatMessage.Plain("That card is out of date. Type `help` to see what I can do.")), Accepted: false);
        }
    }

    /// <summary>The invoke response Teams expects: HTTP 200 carrying statusCode, type and value.</summary>
    public static JsonObject InvokeResponse(CardResult result) => result switch
    {
        { Accepted: true, Reply: { } reply } => new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = AdaptiveCards.ContentType,
            // The card that was acted on is replaced by the answer: a saved form shows what was saved.
            ["value"] = reply is FormReply f ? AdaptiveCards.Form(f.Form) : AdaptiveCards.Card(((MessageReply)reply).Message),
        },
        _ => new JsonObject
        {
            ["statusCode"] = 200,
            // A message (not a card) keeps what the person typed in the card, so they can fix it and resubmit.
            ["type"] = "application/vnd.microsoft.activity.message",
            ["value"] = result.Reply is MessageReply m ? m.Message.Text : "Done.",
        },
    };

    /// <summary>Input values are merged into the action's data by the client; PeerBot's own keys are not inputs.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Inputs(JsonElement data)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var p in data.EnumerateObject().Where(p => !p.Name.StartsWith("peerbot", StringComparison.Ordinal)))
        {
            values[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => [p.Value.GetString()!],
                JsonValueKind.Array => [.. p.Value.EnumerateArray().Select(x => x.ToString())],
                JsonValueKind.Null => [],
                _ => [p.Value.ToString()],
            };
        }

        return values;
    }

    private static ChatMessage Mistakes(FormRejected rejected)
    {
        var lines = string.Join("\n", rejected.FieldErrors.Select(e => $"• **{e.Key}**: {e.Value}"));
        return new ChatMessage($"Almost there — please fix:\n{lines}", [new TextBlock("Almost there — please fix these and submit again:"), new TextBlock(lines)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A Teams card submission named no known form or action: {What}")]
    private partial void LogUnknown(string what);
}

/// <summary>What a card submission led to; <see cref="Accepted"/> false means the card should stay as it is.</summary>
public sealed record CardResult(CommandReply? Reply, bool Accepted);
