using SupportBot;

const string SampleTicket = """
    Hi, my laptop was stolen last night and my daughter's school projects were on it. We are on the Family plan.
    How do I get the files back onto her new computer? The restore seems very slow. - Maria
    """;

var openAiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
var anthropicKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");

if (string.IsNullOrWhiteSpace(openAiKey) || string.IsNullOrWhiteSpace(anthropicKey))
{
    Console.WriteLine("SupportBot is a PromptLint sample: build it to see PromptLint's warnings and cost report.");
    Console.WriteLine("To run it against the real APIs, set OPENAI_API_KEY and ANTHROPIC_API_KEY.");
    return 0;
}

var customerMessage = args.Length > 0 ? string.Join(' ', args) : SampleTicket;

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};
var token = cancellation.Token;

var articles = new KnowledgeBase().FindRelevant(customerMessage);
Console.WriteLine($"Articles: {string.Join(", ", articles.Select(static article => article.Title))}");

var category = await new FaqClassifier(openAiKey).ClassifyAsync(customerMessage, token);
Console.WriteLine($"Category: {category}");

var writer = new AnswerWriter(openAiKey);
Console.WriteLine("\n--- Live draft ---");
await writer.StreamDraftAsync(customerMessage, category, articles, Console.Out, token);

var answer = await writer.WriteAsync(customerMessage, category, articles, token);
answer = await new ReplyReviewer(openAiKey).PolishAsync(answer, token);
Console.WriteLine($"\n--- Reply ---\n{answer}");

var triage = await new TicketTriage(anthropicKey).TriageAsync(customerMessage, category, token);
Console.WriteLine($"\n--- Triage ---\n{triage}");

var handoff = new HandoffWriter(openAiKey);
var summary = await handoff.SummarizeForEngineerAsync(customerMessage, triage, token);
Console.WriteLine($"\n--- Engineer summary ---\n{summary}");

var followUp = await handoff.WriteFollowUpAsync(customerMessage, summary, token);
Console.WriteLine($"\n--- Follow-up ---\n{followUp}");

return 0;
