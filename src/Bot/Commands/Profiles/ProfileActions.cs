using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary>The "Edit profile" button: opens the profile form with what is saved.</summary>
public sealed class ProfileActions(MemberDirectory members) : IActionHandler
{
    public const string Edit = "profile.edit";

    public string ActionId => Edit;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        var member = await members.FindAsync(action.Workspace.Id, action.Caller.UserId, ct);
        return new FormReply(ProfileForm.Build(member?.Profile));
    }
}
