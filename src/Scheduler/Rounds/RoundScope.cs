namespace PeerBot.Scheduler.Rounds;

/// <summary>Who a round pairs.</summary>
public enum RoundScope
{
    /// <summary>The scheduled round (or "round now"): mentees to mentors, peers into pods, everyone left out told so.</summary>
    Full,

    /// <summary>The daily follow-up: mentees whose proposal was declined or expired go to the next best mentor.</summary>
    FollowUp,

    /// <summary>One member's <c>mentor</c> request: matched at once when an open mentor fits well.</summary>
    Request,
}
