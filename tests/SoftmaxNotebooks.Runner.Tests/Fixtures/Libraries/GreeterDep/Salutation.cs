namespace GreeterDep;

/// <summary>Test fixture: a type the Greeter fixture library depends on.</summary>
public static class Salutation
{
    /// <summary>The greeting word.</summary>
    public static string Word => "Hello";
}
