using PeerBot.Matching.Profiles;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary>Saves the submitted profile form, or names the fields to fix (shown next to them in the form).</summary>
public sealed class ProfileFormHandler(ProfileSaver saver) : IFormHandler
{
    public string FormId => ProfileForm.Id;

    public async Task<FormOutcome> HandleAsync(FormSubmission submission, CancellationToken ct)
    {
        // Slack sends every input block, an untouched one as null/empty: that means "not given", not "".
        var fields = submission.Values.Where(kv => kv.Value.Any(v => v.Length > 0))
            .ToDictionary(kv => kv.Key, kv => string.Join(",", kv.Value), StringComparer.OrdinalIgnoreCase);
        // Availability is typed with commas between slots; the builder splits on them itself.
        var (profile, errors) = ProfileBuilder.Build(submission.Caller.UserId, submission.Caller.DisplayName, fields);
        if (profile is null)
        {
            return new FormRejected(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message));
        }

        var (isNew, saved) = await saver.SaveAsync(submission.Workspace, profile, ProfileSaver.NameGivenIn(fields), ct);
        return new FormAccepted(ProfileSaver.Confirmation(saved, isNew, submission.Prefix));
    }
}
