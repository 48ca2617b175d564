using PeerBot.Matching.Pods;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;

namespace PeerBot.Scheduler.Rounds;

/// <summary>Peers into pods of the workspace's size through the matching engine's <see cref="PodBuilder"/>.</summary>
public static class PodPlanner
{
    public static (IReadOnlyList<PlannedPairing> Pods, IReadOnlyList<LeftOutMember> Unplaced) Form(IReadOnlyList<TeacherProfile> peers, RoundOptions options)
    {
        switch (peers.Count)
        {
            case 0:
                return ([], []);
            case 1:
                // One peer alone in the pool has nobody to be grouped with; the engine needs at least two.
                return ([], [new LeftOutMember(peers[0].Id, "pod", "nobody else was waiting for a pod this round")]);
        }

        var round = PodBuilder.Build(peers, options);
        return ([.. round.Pods.Select(p => new PlannedPairing("pod", p.Members, p.Score, p.Why))],
            [.. round.Unplaced.Select(u => new LeftOutMember(u.Id, "pod", u.Reason))]);
    }
}
