using PeerBot.Matching.Pulse;

namespace PeerBot.Scheduler.Pulse;

/// <summary>What a member is promised about the pulse, in words built from the live settings (threshold, comment minimum, cadence).</summary>
public sealed record PulsePromise(AnonymityRules Rules, int EveryWeeks, string Schedule)
{
    public static PulsePromise For(AnonymityRules rules, PulseSettings settings) => new(rules, settings.EveryWeeks, settings.Schedule);

    /// <summary>"every other Friday at 14:00": the workspace's pulse rhythm.</summary>
    public string Cadence => Schedules.ScheduleText.Describe(Schedule, EveryWeeks);

    /// <summary>"in two weeks", "next week", "in 3 weeks": when the next pulse comes.</summary>
    public string NextPulse => EveryWeeks switch
    {
        1 => "next week",
        2 => "in two weeks",
        _ => $"in {EveryWeeks} weeks",
    };

    public string Anonymity =>
        "Anonymous by design: your answers are never stored on their own, only added to your cohort's totals for this pulse. " +
        $"Coaches see those totals after the pulse closes, for groups of at least {Rules.Threshold.Value} people, never who said what. " +
        $"Comments appear (shuffled, without cohort) only when {Rules.FewestForComments} or more people answered.";

    public string WhatCoachesSee(bool commented) =>
        $"**What coaches will see:** averages and how answers spread, once the pulse has closed, for groups of at least {Rules.Threshold.Value} people" +
        (commented ? $", and your comment word for word, shuffled among others and without your cohort, only if {Rules.FewestForComments} or more people answered" : "") + ". " +
        "**What they will not see:** your name, your answers, or anything that points to you. Not even PeerBot can link them back to you.";

    public string CommentHint =>
        $"Shown word for word, shuffled, without your name or cohort — only if {Rules.FewestForComments} or more people answered. Leave out names and details that identify you.";
}
