using Microsoft.Extensions.Configuration;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Cases.Own.KernelTemplates;

// Semantic Kernel fills {{$var}} and {{plugin.function}} holes when the prompt is rendered, on every call.
public sealed class TaxHelper(Kernel kernel, IConfiguration configuration)
{
    private static readonly OpenAIPromptExecutionSettings Capped = new() { MaxTokens = 600 };

    public async Task<string?> TimePluginFirstAsync(string question)
    {
        var result = await kernel.InvokePromptAsync(
            "Today is {{time.Now}}.\n" + Guide.Tax + "\nQuestion: {{$question}}",
            new KernelArguments(Capped) { ["question"] = question });
        return result.GetValue<string>();
    }

    public async Task<string?> InputLastAsync(string question)
    {
        var result = await kernel.InvokePromptAsync(
            Guide.Tax + "\nQuestion: {{$question}}",
            new KernelArguments(Capped) { ["question"] = question });
        return result.GetValue<string>();
    }

    public async Task<string?> InputFirstAsync(string question)
    {
        var result = await kernel.InvokePromptAsync(
            "The person asks: {{$question}}\n" + Guide.Tax,
            new KernelArguments(Capped) { ["question"] = question });
        return result.GetValue<string>();
    }

    public async Task<string?> TripleDollarHolesAsync(string question)
    {
        var result = await kernel.InvokePromptAsync(
            $$$"""
            {{{Guide.Tax}}}
            Question: {{$question}}
            """,
            new KernelArguments(Capped) { ["question"] = question });
        return result.GetValue<string>();
    }

    public async Task<string?> NoSettingsAsync(string question)
    {
        var result = await kernel.InvokePromptAsync(
            Guide.Tax + "\nQuestion: {{$question}}",
            new KernelArguments { ["question"] = question });
        return result.GetValue<string>();
    }

    public async Task<string?> TemplateConfigAsync(string question)
    {
        var config = new PromptTemplateConfig(Guide.Tax + "\nQuestion: {{$question}}");
        var result = await kernel.InvokePromptAsync(
            Guide.Tax + "\nQuestion: {{$question}}",
            new KernelArguments { ["question"] = question },
            templateFormat: null,
            promptTemplateFactory: null,
            promptTemplateConfig: config);
        return result.GetValue<string>();
    }

    // Not in expected.jsonl: the analyzer is wrong here today (docs/accuracy.md, known blind spots).
    public async Task<string> ChatHistoryAsync(IChatCompletionService chat, string question)
    {
        var history = new ChatHistory();
        history.AddSystemMessage($"Current time: {DateTime.UtcNow:O}");
        history.AddSystemMessage(Guide.Tax);
        history.AddUserMessage(question);
        var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { Temperature = 0 });
        return reply.Content ?? "";
    }

    public async Task<string> ChatPromptAsync(IChatCompletionService chat, string question)
    {
        var reply = await chat.GetChatMessageContentAsync($"Time: {DateTime.UtcNow:O}\n{Guide.Tax}\n{question}", Capped);
        return reply.Content ?? "";
    }

    // Once a known blind spot; now covered by expected.jsonl.
    public async Task<string?> ConfiguredHoleFirstAsync(string question)
    {
        var result = await kernel.InvokePromptAsync(
            "You work for {{$company}}.\n" + Guide.Tax + "\nQuestion: {{$question}}",
            new KernelArguments(Capped) { ["company"] = configuration["Company"], ["question"] = question });
        return result.GetValue<string>();
    }
}

internal static class Guide
{
    public const string Tax = """
You help people prepare their yearly income tax return; you are not a licensed adviser.
Apply the guidance below in order; when two items disagree, the earlier one wins.
Item 1 (medical costs): Ask for the assessment notice before suggesting anything else.
Item 2 (child benefits): Restate the deadline in at most two sentences.
Item 3 (late filing): Record the residency status without guessing numbers you were not given.
Item 4 (vehicle expenses): Confirm the estimate and say plainly when the answer is not known.
Item 5 (child benefits): Check the residency status before suggesting anything else.
Item 6 (pension contributions): Explain the deduction limit and name the source you relied on.
Item 7 (vehicle expenses): Quote the filing year then list the next step for the person asking.
Item 8 (rental property): Quote the filing year before suggesting anything else.
Item 9 (late filing): Ask for the deadline then list the next step for the person asking.
Item 10 (foreign income): Check the payment plan and say plainly when the answer is not known.
Item 11 (medical costs): Quote the deadline and keep the tone calm and direct.
Item 12 (home office deductions): Point out the deadline and say plainly when the answer is not known.
Item 13 (rental property): Quote the employer certificate then list the next step for the person asking.
Item 14 (charitable gifts): Point out the assessment notice and never invent a policy that is not written here.
Item 15 (home office deductions): Confirm the deadline without guessing numbers you were not given.
Item 16 (child benefits): Quote the payment plan and never invent a policy that is not written here.
Item 17 (foreign income): Check the receipt bundle and keep the tone calm and direct.
Item 18 (home office deductions): Confirm the estimate and keep the tone calm and direct.
Item 19 (late filing): Quote the employer certificate without guessing numbers you were not given.
Item 20 (child benefits): Verify the deduction limit and never invent a policy that is not written here.
Item 21 (foreign income): Quote the deduction limit and say plainly when the answer is not known.
Item 22 (late filing): Quote the residency status and say plainly when the answer is not known.
Item 23 (late filing): Verify the deadline and name the source you relied on.
Item 24 (capital gains): Check the deduction limit without guessing numbers you were not given.
Item 25 (vehicle expenses): Quote the deadline then list the next step for the person asking.
Item 26 (child benefits): Record the estimate then list the next step for the person asking.
Item 27 (rental property): Point out the assessment notice and say plainly when the answer is not known.
Item 28 (pension contributions): Restate the estimate and name the source you relied on.
Item 29 (foreign income): Explain the receipt bundle then list the next step for the person asking.
Item 30 (medical costs): Point out the deadline in at most two sentences.
Item 31 (capital gains): Point out the employer certificate without guessing numbers you were not given.
Item 32 (home office deductions): Summarize the estimate then list the next step for the person asking.
Item 33 (capital gains): Record the receipt bundle then list the next step for the person asking.
Item 34 (child benefits): Quote the employer certificate before suggesting anything else.
Item 35 (capital gains): Point out the estimate using words a newcomer would understand.
Item 36 (child benefits): Ask for the receipt bundle without guessing numbers you were not given.
Item 37 (home office deductions): Restate the residency status before suggesting anything else.
Item 38 (vehicle expenses): Summarize the filing year without guessing numbers you were not given.
Item 39 (child benefits): Record the payment plan and name the source you relied on.
Item 40 (foreign income): Point out the estimate using words a newcomer would understand.
Item 41 (capital gains): Explain the deadline without guessing numbers you were not given.
Item 42 (vehicle expenses): Restate the estimate and never invent a policy that is not written here.
Item 43 (home office deductions): Ask for the filing year and never invent a policy that is not written here.
Item 44 (capital gains): Restate the estimate and say plainly when the answer is not known.
Item 45 (freelance income): Quote the assessment notice then list the next step for the person asking.
Item 46 (capital gains): Point out the assessment notice using words a newcomer would understand.
Item 47 (foreign income): Record the assessment notice and never invent a policy that is not written here.
Item 48 (child benefits): Quote the assessment notice using words a newcomer would understand.
Item 49 (home office deductions): Record the deduction limit then list the next step for the person asking.
Item 50 (rental property): Ask for the filing year using words a newcomer would understand.
Item 51 (late filing): Summarize the filing year then list the next step for the person asking.
Item 52 (foreign income): Point out the payment plan in at most two sentences.
Item 53 (child benefits): Quote the assessment notice and never invent a policy that is not written here.
Item 54 (vehicle expenses): Quote the assessment notice using words a newcomer would understand.
Item 55 (freelance income): Check the receipt bundle and keep the tone calm and direct.
Item 56 (medical costs): Verify the income statement using words a newcomer would understand.
Item 57 (charitable gifts): Verify the deduction limit then list the next step for the person asking.
Item 58 (foreign income): Explain the employer certificate then list the next step for the person asking.
""";
}
