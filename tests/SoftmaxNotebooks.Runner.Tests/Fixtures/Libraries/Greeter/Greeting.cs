namespace Greeter;

/// <summary>Test fixture: greets through its dependency.</summary>
public static class Greeting
{
    /// <summary>Greets a name.</summary>
    /// <param name="name">Who to greet.</param>
    public static string For(string name) => GreeterDep.Salutation.Word + ", " + name;

    /// <summary>A greeting as a value, for notebooks that declare methods taking it.</summary>
    /// <param name="name">Who to greet.</param>
    public static Card CardFor(string name) => new(For(name));
}

/// <summary>Test fixture: a type of the #r'd library that notebook code mentions in signatures.</summary>
/// <param name="Text">The greeting.</param>
public sealed record Card(string Text);
