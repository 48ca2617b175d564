using PeerBot.Matching.Pairing;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Scheduler.Members;

namespace PeerBot.Scheduler.Rounds;

/// <summary>
/// Turns the workspace's members and open pairings into the matching engine's input, and its answer into a
/// <see cref="RoundPlan"/>. No writes: the preview and the real round plan the same way.
/// </summary>
public static class RoundPlanner
{
    /// <summary>Mentor proposals go out only when the engine's score (out of 100) says the fit is good.</summary>
    public const double GoodFit = 40;

    public static RoundPlan Plan(RoundInput input, RoundScope scope)
    {
        // Skipping the round: left out of it (a mentor request of their own still counts: they just asked).
        var active = input.Members.Where(m => !m.IsPausedAt(input.Now) && (!m.SkipsNextRound || m.ExternalUserId == input.RequestedBy)).ToList();
        var open = input.OpenPairings;
        var mentored = open.Where(p => p.Kind == "mentor").Select(p => p.Mentee?.MemberId).OfType<Guid>().ToHashSet();
        var load = open.Where(p => p.Kind == "mentor").GroupBy(p => p.Mentor?.MemberId).ToDictionary(g => g.Key ?? Guid.Empty, g => g.Count());
        var podded = open.Where(p => p.Kind == "pod").SelectMany(p => p.Members).Select(m => m.MemberId).ToHashSet();
        var retry = input.DeclinedOrExpired.Select(p => p.Mentee?.MemberId).OfType<Guid>().ToHashSet();

        var mentorPool = new List<TeacherProfile>();
        foreach (var m in active)
        {
            var wants = m.Profile.WantsMentor && !mentored.Contains(m.Id) && scope switch
            {
                RoundScope.Full => true,
                RoundScope.FollowUp => retry.Contains(m.Id),
                _ => m.ExternalUserId == input.RequestedBy,
            };
            var seats = m.Profile.Mentors ? Math.Max(0, m.Profile.Capacity - load.GetValueOrDefault(m.Id)) : 0;
            if (!wants && seats == 0)
            {
                continue;
            }

            // Someone who is both mentor and mentee keeps only the part still open this round.
            var role = (wants, seats > 0) switch
            {
                (true, true) => MentoringRole.Both,
                (true, false) => MentoringRole.Mentee,
                _ => MentoringRole.Mentor,
            };
            mentorPool.Add(m.Profile with { Role = role, Capacity = seats });
        }

        var pairings = new List<PlannedPairing>();
        var leftOut = new List<LeftOutMember>();
        if (mentorPool.Any(p => p.WantsMentor) && !mentorPool.Any(p => p.Mentors && p.Capacity > 0))
        {
            leftOut.AddRange(mentorPool.Where(p => p.WantsMentor).Select(p => new LeftOutMember(p.Id, "mentor", "no mentor has a free seat right now")));
        }
        else if (mentorPool.Any(p => p.WantsMentor))
        {
            var round = MentorAssignment.Solve(mentorPool, input.Options, toMentors: true);
            foreach (var pair in round.Pairs)
            {
                if (pair.Score >= GoodFit)
                {
                    pairings.Add(new PlannedPairing("mentor", [pair.Mentee, pair.Mentor], pair.Score, pair.Why) { WhyToMentor = pair.WhyToMentor });
                }
                else
                {
                    leftOut.Add(new LeftOutMember(pair.Mentee, "mentor", "the closest mentor was not a good enough fit"));
                }
            }

            leftOut.AddRange(round.Unmatched.Select(u => new LeftOutMember(u.Id, "mentor", u.Reason)));
        }

        if (scope == RoundScope.Full)
        {
            var peers = active.Where(m => m.Profile.Role == MentoringRole.Peer && !podded.Contains(m.Id)).Select(m => m.Profile).ToList();
            var (pods, unplaced) = PodPlanner.Form(peers, input.Options);
            pairings.AddRange(pods);
            leftOut.AddRange(unplaced);
        }

        return new RoundPlan(pairings, leftOut);
    }
}

/// <summary>Everything a round plans from.</summary>
public sealed record RoundInput(
    IReadOnlyList<Member> Members,
    IReadOnlyList<Pairing> OpenPairings,
    IReadOnlyList<Pairing> DeclinedOrExpired,
    RoundOptions Options,
    DateTimeOffset Now,
    string? RequestedBy = null);
