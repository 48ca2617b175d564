using PeerBot.Bot.Commands;
using PeerBot.Matching.Ask;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Ask;

/// <summary>The "ask a colleague" form (Slack modal, Teams card) that <c>ask</c> alone opens.</summary>
public sealed class AskForm(AskDesk desk) : IFormHandler
{
    public const string Id = "ask.question", Question = "question", Tags = "tags", Signed = "signed";

    public string FormId => Id;

    public static ChatForm Form(bool named) => new(Id, "Ask a colleague", "Ask",
    [
        new FormField(Question, "Your question", FormFieldKind.Text) { Multiline = true, Placeholder = "How do you keep 7th graders focused after lunch?" },
        new FormField(Tags, "Tags (optional)", FormFieldKind.Text) { Optional = true, Placeholder = "#math #6-8 #classroom-management", Hint = "Subjects, grade bands or focus areas: they decide who sees it." },
        new FormField(Signed, "Who sees that it's you", FormFieldKind.SingleChoice)
        {
            Options = [new FormOption("Nobody — ask anonymously", "anonymous"), new FormOption("Show my name", "named")],
            Initial = [named ? "named" : "anonymous"],
        },
    ], Intro: "PeerBot sends it to up to 5 colleagues whose profile fits, after class. Anonymous questions never name you to anyone.")
    {
        TypedInstead = "ask <question> #tags",
    };

    public async Task<FormOutcome> HandleAsync(FormSubmission submission, CancellationToken ct)
    {
        var asked = new AskedQuestion("", [], submission.Value(Signed) == "named").WithText(submission.Value(Question), submission.Value(Tags));
        if (AskDesk.Problem(asked, submission.Prefix) is { } problem)
        {
            return new FormRejected(new Dictionary<string, string> { [Question] = asked.Body.Length == 0 ? "Type your question here." : problem });
        }

        return new FormAccepted(await desk.AskAsync(submission.Workspace, submission.Caller.UserId, asked, submission.Prefix, ct));
    }
}
