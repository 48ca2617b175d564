using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary>
/// Saves a profile, filling the time zone from the platform when the person gave none, and naming the person as the
/// platform does (Slack's display or real name, Teams' name) unless they typed a <c>name:</c> of their own.
/// </summary>
public sealed partial class ProfileSaver(MemberDirectory members, ChatGateways gateways, ILogger<ProfileSaver> log)
{
    /// <param name="nameGiven">True: the person typed <c>name:</c>; false: they cleared it; null: they did not mention it.</param>
    public async Task<(bool IsNew, TeacherProfile Saved)> SaveAsync(Workspace workspace, TeacherProfile profile, bool? nameGiven, CancellationToken ct)
    {
        var existing = nameGiven is null ? await members.FindAsync(workspace.Id, profile.Id, ct) : null;
        var keepTyped = nameGiven is true || existing is { NameGiven: true };
        if (keepTyped && existing is { NameGiven: true })
        {
            profile = profile with { Name = existing.Profile.Name };
        }

        if (profile.TimeZone is null || !keepTyped)
        {
            var user = await PlatformUserAsync(workspace, profile.Id, ct);
            if (profile.TimeZone is null)
            {
                profile = profile with { TimeZone = user?.TimeZone is { } tz && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _) ? tz : null };
            }

            if (!keepTyped && user?.DisplayName is { Length: > 0 } platformName && platformName != profile.Id)
            {
                profile = profile with { Name = platformName };
            }
        }

        var isNew = await members.SaveAsync(workspace.Id, profile, ct, nameGiven: keepTyped);
        LogSaved(workspace.Id, isNew);
        return (isNew, profile);
    }

    /// <summary>Whether fields typed or submitted name the person: a non-empty <c>name:</c> is theirs, an empty one gives it back to the platform.</summary>
    public static bool? NameGivenIn(IReadOnlyDictionary<string, string> fields) =>
        fields.FirstOrDefault(f => ProfileBuilder.FieldNames.TryGetValue(f.Key, out var k) && k == "name") is { Key: not null } name
            ? name.Value.Trim().Length > 0
            : null;

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

    private async Task<ChatUserInfo?> PlatformUserAsync(Workspace workspace, string userId, CancellationToken ct)
    {
        try
        {
            return await gateways.For(workspace).GetUserAsync(workspace, userId, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The profile is still worth saving without them (an install without users:read, a platform hiccup); the person can add tz: or name: later.
            LogPlatformUserUnavailable(workspace.Id, e.GetType().Name);
            return null;
        }
    }

    private static string FirstName(string name) => name.Split(' ', 2)[0] is { Length: > 0 } first ? first : "friend";

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile saved in workspace {WorkspaceId} (new member: {IsNew})")]
    private partial void LogSaved(Guid workspaceId, bool isNew);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the member's name and time zone from the platform in workspace {WorkspaceId}: {Error}")]
    private partial void LogPlatformUserUnavailable(Guid workspaceId, string error);
}
