namespace PeerBot.Bot.Tests; public class P { [Fact] public void X() => Assert.Equal(2, 1 + 1); }
