using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary>Saves a profile, filling the time zone from the platform when the person gave none.</summary>
public sealed partial class ProfileSaver(MemberDirectory members, ChatGateways gateways, ILogger<ProfileSaver> log)
{
    public async Task<bool> SaveAsync(Workspace workspace, TeacherProfile profile, CancellationToken ct)
    {
        if (profile.TimeZone is null)
        {
            profile = profile with { TimeZone = await PlatformTimeZoneAsync(workspace, profile.Id, ct) };
        }

        var isNew = await members.SaveAsync(workspace.Id, profile, ct);
        LogSaved(workspace.Id, isNew);
        return isNew;
    }

    public static ChatMessage Confirmation(TeacherProfile profile, bool isNew, string prefix)
    {
        var headline = isNew
            ? $"Welcome to PeerBot, {FirstName(profile.Name)}! You're in. I'll introduce you to your people at the next pairing round."
            : "Saved — your profile is up to date.";
        return new ChatMessage(headline,
        [
            new TextBlock(headline),
            new FieldsBlock(ProfileText.Fields(profile)),
            new NoteBlock($"Change anything with `{prefix}join`; see it with `{prefix}profile`; take a break with `{prefix}pause`."),
        ]);
    }

    private async Task<string?> PlatformTimeZoneAsync(Workspace workspace, string userId, CancellationToken ct)
    {
        try
        {
            var user = await gateways.For(workspace).GetUserAsync(workspace, userId, ct);
            return user?.TimeZone is { } tz && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _) ? tz : null;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            // The profile is still worth saving without a time zone; the person can add tz: later.
            LogTimeZoneUnavailable(workspace.Id, e.GetType().Name);
            return null;
        }
    }

    private static string FirstName(string name) => name.Split(' ', 2)[0] is { Length: > 0 } first ? first : "friend";

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile saved in workspace {WorkspaceId} (new member: {IsNew})")]
    private partial void LogSaved(Guid workspaceId, bool isNew);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the member's time zone from the platform in workspace {WorkspaceId}: {Error}")]
    private partial void LogTimeZoneUnavailable(Guid workspaceId, string error);
}
