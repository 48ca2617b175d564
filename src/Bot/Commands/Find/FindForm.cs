using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Find;

/// <summary>
/// <c>find</c> picked from a menu with no topic (Slack's "Find a peer" shortcut) asks for one in a small form; its submission gets
/// exactly the answer <c>find &lt;topic&gt;</c> gives.
/// </summary>
public sealed class FindForm(MemberDirectory members, BoundaryStore boundaries, TimeProvider clock) : IFormHandler
{
    public const string Id = "find";
    public const string TopicField = "topic";

    public string FormId => Id;

    public static ChatForm Build() => new(Id, "Find a peer", "Find",
        [
            new FormField(TopicField, "What would you like help with?", FormFieldKind.Text)
            {
                Placeholder = "e.g. 7th grade math, classroom management",
                Hint = "A subject, a grade band or a focus area. I'll suggest colleagues and say why each one fits.",
            },
        ])
    {
        TypedInstead = "find 7th grade math",
    };

    public async Task<FormOutcome> HandleAsync(FormSubmission submission, CancellationToken ct)
    {
        var topic = submission.Value(TopicField).Trim();
        if (topic.Length == 0)
        {
            return new FormRejected(new Dictionary<string, string> { [TopicField] = "Type a topic, e.g. 7th grade math or classroom management." });
        }

        var find = new ChatCommand(submission.Workspace, submission.Caller, "find", topic, submission.Prefix);
        return (await new FindCommand(members, boundaries, clock).HandleAsync(find, ct)) is MessageReply answer
            ? new FormAccepted(answer.Message)
            : new FormAccepted(ProfileCommand.NotJoined(submission.Prefix));
    }
}
