namespace PeerBot.Matching.Tests.Support; internal static class Population {}
