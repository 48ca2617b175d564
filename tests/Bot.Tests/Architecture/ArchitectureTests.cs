using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace PeerBot.Bot.Tests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture House = new ArchLoader()
        .LoadAssemblies(typeof(Program).Assembly, typeof(PeerBot.Scheduler.Chat.IChatGateway).Assembly, typeof(PeerBot.Matching.Pulse.ReportScope).Assembly,
            typeof(PeerBot.MatchTool.MatchVerb).Assembly)
        .Build();

    [Fact]
    public void Matching_ReferencesNoIo_AndNothingOfTheBotOrTheScheduler() =>
        Types().That().ResideInNamespaceMatching("^PeerBot\\.Matching").Should()
            .NotDependOnAnyTypesThat().ResideInNamespaceMatching("^(Npgsql|Hangfire|System\\.Net\\.Http|Microsoft\\.AspNetCore|PeerBot\\.Bot|PeerBot\\.Scheduler)")
            .Check(House);

    /// <summary>The offline match tool is compiled ahead of time on its own (peerbot-match): no database, host or bot in it.</summary>
    [Fact]
    public void MatchTool_ReferencesNoDatabase_NoHostAndNothingOfTheBotOrTheScheduler() =>
        Types().That().ResideInNamespaceMatching("^PeerBot\\.MatchTool").Should()
            .NotDependOnAnyTypesThat().ResideInNamespaceMatching("^(Npgsql|Hangfire|System\\.Net\\.Http|Microsoft\\.AspNetCore|Microsoft\\.Extensions|PeerBot\\.Bot|PeerBot\\.Scheduler)")
            .Check(House);

    [Fact]
    public void Scheduler_ReferencesNoAspNetCore() =>
        Types().That().ResideInNamespaceMatching("^PeerBot\\.Scheduler").Should()
            .NotDependOnAnyTypesThat().ResideInNamespaceMatching("^Microsoft\\.AspNetCore")
            .Check(House);

    [Fact]
    public void SlackAdapter_DoesNotReferenceTheTeamsAdapter() =>
        Types().That().ResideInNamespaceMatching("^PeerBot\\.Bot\\.Slack").Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching("^PeerBot\\.Bot\\.Teams"))
            .Check(House);

    [Fact]
    public void TeamsAdapter_DoesNotReferenceTheSlackAdapter() =>
        Types().That().ResideInNamespaceMatching("^PeerBot\\.Bot\\.Teams").Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching("^PeerBot\\.Bot\\.Slack"))
            .Check(House);

    /// <summary>
    /// Only the adapters know their platform. Exceptions, each for a reason: the composition root (Program, Hosting) wires
    /// and names them; the Simulator is a simulated Slack driving the real Slack adapter.
    /// </summary>
    [Fact]
    public void NothingButTheAdapters_CompositionRootAndSlackSimulator_ReferencesAnAdapter() =>
        Types().That().ResideInNamespaceMatching("^PeerBot\\.(Bot|Scheduler|Matching|MatchTool)")
            .And().DoNotResideInNamespaceMatching("^PeerBot\\.Bot\\.(Slack|Teams|Simulator|Hosting)")
            .And().DoNotHaveFullNameMatching("^Program$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching("^PeerBot\\.Bot\\.(Slack|Teams)"))
            .Check(House);
}
