using PeerBot.Matching.Scoring;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Scheduler.Meetings;

/// <summary>
/// What a click on <em>Propose</em> posts into the pair's or pod's conversation: who proposes when (each reader's own
/// clock where the group spans zones) and the calendar invitation (.ics) for it.
/// </summary>
public static class MeetingProposal
{
    /// <param name="start">The meeting, on the proposer's clock's next occurrence of the slot.</param>
    /// <param name="zoneOf">Each member's zone (the workspace's when they gave none).</param>
    public static OutboxEntry Build(Pairing pairing, PairingMember proposer, DateTimeOffset start, int minutes, Func<PairingMember, TimeZoneInfo> zoneOf, DateTimeOffset now, Uri? videoLink, string? conversation)
    {
        var end = start.AddMinutes(minutes);
        var proposerZone = zoneOf(proposer);
        var name = NameOf(proposer);
        var when = SharedTimes.SayDated(start, end, proposerZone);
        var zones = pairing.Members.Select(zoneOf).Distinct().ToList();
        var invitation = new ChatFile(
            $"peerbot-meeting-{start.UtcDateTime:yyyy-MM-dd}.ics", "Calendar invitation", CalendarInvitation.MediaType,
            CalendarInvitation.Write(new CalendarInvitation.Event($"{pairing.Id:N}-{CalendarInvitation.Utc(start)}@peerbot", now, start, end, Summary(pairing), Description(pairing, name, minutes, videoLink))
            {
                Location = videoLink?.AbsoluteUri,
                Url = videoLink,
            }));

        var others = zones.Where(z => z != proposerZone).Select(z => $"your time in {ProposeButton.City(z)}: {SharedTimes.SayDated(start, end, z)}").ToList();
        var group = Render(others.Count == 0
            ? $"📅 {name} proposes {when}."
            : $"📅 {name} proposes {when} {ProposeButton.City(proposerZone)} time ({string.Join("; ", others)}).", videoLink) with { Files = [invitation] };
        var message = zones.Count <= 1 ? group : group with
        {
            Copies = pairing.Members.ToDictionary(m => m.ExternalUserId, m => Render(zoneOf(m) == proposerZone
                ? $"📅 {name} proposes {when}."
                : $"📅 {name} proposes {when} {ProposeButton.City(proposerZone)} time (your time: {SharedTimes.SayDated(start, end, zoneOf(m))}).", videoLink) with { Files = [invitation] }, StringComparer.Ordinal),
        };
        return new OutboxEntry($"meeting:{pairing.Id:N}:{CalendarInvitation.Utc(start)}", pairing.UserIds, "meeting proposal", message, Urgency.Now)
        {
            PairingId = pairing.Id,
            Conversation = conversation,
        };
    }

    /// <summary>"Tue 8 Dec, 3:30–3:50 pm" on the proposer's clock, for the reply to the click.</summary>
    public static string When(DateTimeOffset start, int minutes, TimeZoneInfo zone) => SharedTimes.SayDated(start, start.AddMinutes(minutes), zone);

    private static ChatMessage Render(string headline, Uri? videoLink)
    {
        var video = videoLink is null ? null : $"🎥 Video call: {videoLink.AbsoluteUri}";
        const string Note = "The calendar invitation is attached — open it to add it to your calendar. If the time doesn't suit, reply here with another.";
        return new ChatMessage(
            string.Join("\n", new[] { headline, video, Note }.OfType<string>()),
            [
                new TextBlock($"**{headline}**"),
                .. video is null ? Array.Empty<MessageBlock>() : [new TextBlock(video)],
                new NoteBlock(Note),
            ]);
    }

    private static string NameOf(PairingMember m) => m.Name.Length > 0 ? m.Name : "A colleague";

    private static string Summary(Pairing pairing)
    {
        var names = pairing.Members.Select(m => m.Name.Length > 0 ? m.Name : "colleague").ToArray();
        var list = names.Length <= 2 ? string.Join(" and ", names) : $"{string.Join(", ", names[..^1])} and {names[^1]}";
        return pairing.Kind == "mentor" ? $"Mentoring chat: {list}" : $"Peer chat: {list}";
    }

    private static string Description(Pairing pairing, string proposer, int minutes, Uri? videoLink) =>
        $"{minutes} minutes to talk, proposed by {proposer} in PeerBot.\nWhy you: {pairing.Explanation}"
        + (videoLink is null ? "" : $"\nVideo call: {videoLink.AbsoluteUri}");
}
