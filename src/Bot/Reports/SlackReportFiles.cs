using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PeerBot.Bot.Slack;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Reports;

/// <summary>
/// Report files into the coach's DM through Slack's external upload: files.getUploadURLExternal (an upload URL and
/// file id per file) → POST the bytes there → one files.completeUploadExternal sharing them all in the DM.
/// </summary>
public sealed class SlackReportFiles(SlackApiClient api, ISlackTokenSource tokens, IHttpClientFactory http) : IReportFileSender
{
    public string Platform => SlackChatGateway.PlatformName;

    public async Task SendAsync(Workspace workspace, string userId, IReadOnlyList<ReportFile> files, string comment, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(workspace.ExternalId, ct);
        var uploaded = new JsonArray();
        foreach (var file in files)
        {
            var slot = await api.CallFormAsync("files.getUploadURLExternal", token, new Dictionary<string, string>
            {
                ["filename"] = file.Name,
                ["length"] = file.Bytes.Length.ToString(CultureInfo.InvariantCulture),
            }, ct);
            using var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await http.CreateClient(nameof(SlackReportFiles)).PostAsync(slot.GetProperty("upload_url").GetString(), content, ct);
            response.EnsureSuccessStatusCode();
            uploaded.Add(new JsonObject { ["id"] = slot.GetProperty("file_id").GetString(), ["title"] = file.Title });
        }

        var dm = await api.CallAsync("conversations.open", token, new JsonObject { ["users"] = userId, ["return_im"] = true }, ct);
        await api.CallAsync("files.completeUploadExternal", token, new JsonObject
        {
            ["files"] = uploaded,
            ["channel_id"] = dm.GetProperty("channel").GetProperty("id").GetString(),
            ["initial_comment"] = comment,
        }, ct);
    }
}
