using System.Security.Cryptography;
using System.Text;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Thanks;

namespace PeerBot.Bot.Thanks;

/// <summary>
/// <c>thanks @someone [note]</c>: a thank-you to a colleague you were paired with. Anyone else gets one kind answer that
/// is the same whoever they are — a member or not, on a break, on a never-pair list — so it tells nothing about them.
/// </summary>
public sealed class ThanksCommand(MemberDirectory members, ThanksStore thanks, ThanksDesk desk, TimeProvider clock) : ICommandHandler
{
    public CommandInfo Info { get; } = new("thanks", "thanks @someone [note]",
        "thank a colleague you've met (also a button after *We met*); it shows in their ripples", "thanks @sam your exit-ticket idea worked!");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var workspace = command.Workspace.Id;
        if (await members.FindAsync(workspace, command.Caller.UserId, ct) is not { } me)
        {
            return new MessageReply(ProfileCommand.NotJoined(command.Prefix));
        }

        var (ids, note) = UserMention.ReadLeading(command.Arguments);
        if (ids.Count == 0)
        {
            return Say($"Name who you're thanking with an @mention, and add a note if you like: `{command.Prefix}thanks @name your exit-ticket idea worked!` " +
                       "After a check-in, *We met* also offers a *Say thanks* button.");
        }

        if (ids.Contains(command.Caller.UserId, StringComparer.Ordinal))
        {
            return Say("That's you! Thanks go to colleagues you've met — though you deserve one too. 💛");
        }

        if (note.Length > ThanksMessages.MaxNote)
        {
            return Say($"That note is {note.Length} characters; please keep it under {ThanksMessages.MaxNote}.");
        }

        var receivers = new List<Member>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (await members.FindAsync(workspace, id, ct) is not { } other || !await thanks.WerePairedAsync(me.Id, other.Id, ct))
            {
                // The same words whoever it is: nothing here says whether they joined, paused, left, or keep a list.
                return Say($"I can pass thanks only to colleagues PeerBot has paired you with — your mentor, mentees or pod. " +
                           $"After you've met, `{command.Prefix}thanks @name` (or *Say thanks* after *We met*) reaches them. To meet someone new, try `{command.Prefix}find <topic>`.");
            }

            receivers.Add(other);
        }

        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var noteKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(note)))[..16];
        var sent = await desk.SendAsync(me, receivers, pairingId: null, note.Length == 0 ? null : note, forMeeting: false,
            r => $"typed:{me.Id:N}:{r.Id:N}:{day}:{noteKey}", ct);
        var names = ThanksDesk.Names([.. receivers.Select(r => r.Profile.Name)]);
        return Say(sent
            ? $"💛 Thanks sent to {names}, with your name{(note.Length > 0 ? " and your note" : "")}. PeerBot passes it on in their after-class hours."
            : $"You already sent {names} that thanks today — it's on its way. 💛");
    }

    private static MessageReply Say(string text) => new(ChatMessage.Plain(text));
}
