namespace Greeter;

/// <summary>Test fixture: greets through its dependency.</summary>
public static class Greeting
{
    /// <summary>Greets a name.</summary>
    /// <param name="name">Who to greet.</param>
    public static string For(string name) => GreeterDep.Salutation.Word + ", " + name;
}
