using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Scheduler.Delivery;

/// <summary>How a <see cref="ChatMessage"/> is stored in the outbox: its block kinds are named, so it reads back as it was.</summary>
public static class OutboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameBlockKinds } },
    };

    public static string Serialize(ChatMessage message) => JsonSerializer.Serialize(message, Options);

    public static ChatMessage Deserialize(string json) => JsonSerializer.Deserialize<ChatMessage>(json, Options)!;

    private static void NameBlockKinds(JsonTypeInfo info)
    {
        if (info.Type != typeof(MessageBlock))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            DerivedTypes =
            {
                new JsonDerivedType(typeof(TextBlock), "text"),
                new JsonDerivedType(typeof(FieldsBlock), "fields"),
                new JsonDerivedType(typeof(NoteBlock), "note"),
                new JsonDerivedType(typeof(ButtonsBlock), "buttons"),
                new JsonDerivedType(typeof(ImageBlock), "image"),
                new JsonDerivedType(typeof(DividerBlock), "divider"),
            },
        };
    }
}
