namespace SupportBot;

internal sealed record Article(string Title, string[] Keywords, string Body);

internal sealed class KnowledgeBase
{
    private const string RestoreToAnotherComputer = """
        Open the Acme agent on the new computer, sign in, choose **Restore**, then **Restore to a different computer**.
        Pick the old computer from the list, choose the folders and a destination, and start. The old computer's backup
        is not changed. Large restores continue in the background and resume after a restart.
        """;

    private const string AgentUpdate = """
        Agents older than version 8.0 can no longer connect. Open **Settings**, then **About**, then
        **Check for updates**. If the update fails, download the installer from the account portal and run it over
        the existing installation; settings and backup history are kept.
        """;

    private const string FirewallAddresses = """
        The agent connects over HTTPS (port 443) to backup.acme.example and to the regional storage host shown on the
        **Status** page. Security software must allow the process AcmeAgent to reach both. Proxies that inspect TLS
        traffic must exclude these hosts, or uploads fail with "certificate not trusted".
        """;

    private const string CourierRestore = """
        Restores above 200 GB are usually faster by courier drive. Request one from the account portal under
        **Restores**, then **Ship a drive**. The drive is encrypted with the account's key and arrives within three
        business days. It is free on Business Plus; other plans pay a flat fee shown before confirming.
        """;

    private const string PlanChanges = """
        Plan upgrades take effect at once and are charged pro rata for the rest of the billing period. Downgrades take
        effect at the next renewal. Only the account owner can change the plan, under **Billing**, then **Plan**.
        """;

    private static readonly Article[] s_articles =
    [
        new("Restore to a different computer", ["restore", "new", "stolen", "lost", "laptop", "computer", "recover"],
            RestoreToAnotherComputer),
        new("Updating the Acme agent", ["update", "version", "agent", "install", "upgrade", "connect"], AgentUpdate),
        new("Firewall and antivirus settings", ["firewall", "antivirus", "proxy", "certificate", "blocked", "network"],
            FirewallAddresses),
        new("Courier drive restores", ["courier", "drive", "slow", "large", "ship", "restore"], CourierRestore),
        new("Changing your plan", ["plan", "upgrade", "downgrade", "billing", "price", "change"], PlanChanges),
    ];

    public IReadOnlyList<Article> FindRelevant(string question, int maxArticles = 2)
    {
        var words = Tokenize(question);

        if (words.Count == 0)
        {
            return [];
        }

        return s_articles
            .Select(article => (Article: article, Score: Score(article, words)))
            .Where(static scored => scored.Score > 0)
            .OrderByDescending(static scored => scored.Score)
            .Take(maxArticles)
            .Select(static scored => scored.Article)
            .ToList();
    }

    public static string Format(IReadOnlyList<Article> articles)
    {
        if (articles.Count == 0)
        {
            return "No knowledge base article matched this message.";
        }

        return string.Join("\n\n", articles.Select(static article => $"### {article.Title}\n{article.Body.Trim()}"));
    }

    // Title words count double: an article named after the problem is almost always the right one.
    private static int Score(Article article, HashSet<string> words)
    {
        var keywordHits = article.Keywords.Count(words.Contains);
        var titleHits = Tokenize(article.Title).Count(words.Contains);

        return keywordHits + (2 * titleHits);
    }

    private static HashSet<string> Tokenize(string text)
    {
        var separators = new[] { ' ', '\n', '\r', '\t', '.', ',', '!', '?', ';', ':', '"', '\'', '(', ')' };

        return text
            .ToLowerInvariant()
            .Split(separators, StringSplitOptions.RemoveEmptyEntries)
            .Where(static word => word.Length > 2)
            .ToHashSet(StringComparer.Ordinal);
    }
}
