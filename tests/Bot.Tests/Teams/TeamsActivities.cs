using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Teams;

/// <summary>Activities built from the real Teams fixtures, pointed at the fake Bot Framework, and sent signed.</summary>
public static partial class TeamsActivities
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>The personal-chat message fixture, from <paramref name="userId"/>, saying <paramref name="text"/>.</summary>
    public static JsonObject Personal(FakeBotFramework bf, string text, string userId = "29:ana", string name = "Ana Ruiz")
    {
        var a = Fixture("teams_message_personal.json", bf);
        a["text"] = text;
        a["from"]!["id"] = userId;
        a["from"]!["name"] = name;
        a["conversation"]!["id"] = $"a:personal-{userId}";
        a.Remove("attachments");
        return a;
    }

    /// <summary>An install in personal scope, as Teams sends it (installationUpdate or conversationUpdate).</summary>
    public static JsonObject Install(FakeBotFramework bf, string type, string userId = "29:ana")
    {
        var a = Personal(bf, "", userId);
        a["type"] = type;
        a.Remove("text");
        if (type == "installationUpdate")
        {
            a["action"] = "add";
        }
        else
        {
            a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = a["recipient"]!["id"]!.GetValue<string>() });
        }

        return a;
    }

    /// <summary>The Adaptive Card invoke fixture, with the envelope a real invoke carries and our form's data.</summary>
    public static JsonObject Invoke(FakeBotFramework bf, string verb, JsonObject data, string userId = "29:ana")
    {
        var envelope = Personal(bf, "", userId);
        var invoke = JsonNode.Parse(LineComment().Replace(Paths.ReadFixture("teams_invoke_adaptivecard_action.jsonc"), ""))!.AsObject();
        foreach (var (key, value) in envelope.Where(p => !invoke.ContainsKey(p.Key) && p.Key != "text").ToList())
        {
            invoke[key] = value?.DeepClone();
        }

        invoke["value"]!["action"]!["verb"] = verb;
        invoke["value"]!["action"]!["data"] = data;
        return invoke;
    }

    public static JsonObject Fixture(string name, FakeBotFramework bf)
    {
        var a = JsonNode.Parse(Paths.ReadFixture(name))!.AsObject();
        a["serviceUrl"] = bf.ServiceUrl;
        return a;
    }

    public static async Task<HttpResponseMessage> SendAsync(PeerBotApp app, JsonObject activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await app.Http().SendAsync(request);
    }

    /// <summary>Sent with a valid token for the activity's own serviceUrl.</summary>
    public static Task<HttpResponseMessage> SendAsync(PeerBotApp app, FakeBotFramework bf, JsonObject activity) =>
        SendAsync(app, activity, bf.Mint(activity["serviceUrl"]!.GetValue<string>()));

    [GeneratedRegex(@"^\s*//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();
}
