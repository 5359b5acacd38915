using ChronusCrm.Bench.Baseline;

// The two baselines the inbox benchmark is measured beside, in the same run on the same machine:
//   POST /bare   parses the message and answers: the ceiling of an HTTP endpoint here.
//   POST /naive  parses it and does one INSERT, committed on its own, per request: the plain design.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(BaselineJson.Default));

var store = await NaiveStore.OpenAsync(builder.Configuration);
var app = builder.Build();

app.MapPost("/bare", (MessageIn message) => Results.Accepted(null, Answer(message)));
app.MapPost("/naive", async (MessageIn message, CancellationToken cancellationToken) =>
{
    var answer = Answer(message);
    await store.InsertAsync(answer.MessageId, message, cancellationToken);
    return Results.Accepted(null, answer);
});

await app.RunAsync();

static MessageOut Answer(MessageIn message) =>
    new("msg-" + Guid.CreateVersion7().ToString("N"), $"{message.Platform}:{message.From}", 1);
