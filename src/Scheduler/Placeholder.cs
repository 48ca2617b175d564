namespace PeerBot.Scheduler; public static class Placeholder {}
