import Testing
@testable import RecallCore

/// LaTeX to Unicode: one row per expression, the whole output pinned.
struct LaTeXTextTests {
    static let table: [(String, String)] = [
        // Greek letters
        ("\\alpha", "α"), ("\\beta", "β"), ("\\gamma", "γ"), ("\\delta", "δ"), ("\\epsilon", "ϵ"),
        ("\\varepsilon", "ε"), ("\\theta", "θ"), ("\\lambda", "λ"), ("\\mu", "μ"), ("\\pi", "π"),
        ("\\sigma", "σ"), ("\\phi", "ϕ"), ("\\varphi", "φ"), ("\\omega", "ω"), ("\\Gamma", "Γ"),
        ("\\Delta", "Δ"), ("\\Sigma", "Σ"), ("\\Omega", "Ω"), ("\\alpha\\beta", "αβ"), ("2\\pi r", "2π r"),
        // Superscripts
        ("x^2", "x²"), ("x^{2}", "x²"), ("x^{10}", "x¹⁰"), ("x^n", "xⁿ"), ("e^{-x}", "e⁻ˣ"),
        ("x^{n+1}", "xⁿ⁺¹"), ("x^{-1}", "x⁻¹"), ("e^{i\\pi}", "e^(iπ)"), ("2^{\\alpha}", "2^α"),
        ("x^{y^2}", "x^(y²)"), ("A^T", "Aᵀ"), ("f'(x)", "f′(x)"), ("x^{2n}", "x²ⁿ"), ("x^{Q}", "x^Q"),
        ("x^{AB}", "x^(AB)"), ("10^{-3}", "10⁻³"), ("\\alpha^2", "α²"),
        // Subscripts
        ("x_1", "x₁"), ("a_{ij}", "aᵢⱼ"), ("x_{n-1}", "xₙ₋₁"), ("x_{i+1}", "xᵢ₊₁"), ("a_n", "aₙ"),
        ("x_{max}", "xₘₐₓ"), ("H_2O", "H₂O"), ("x_0^2", "x₀²"), ("v_{\\theta}", "v_θ"), ("T_{ab}", "T_(ab)"),
        ("y_{k}", "yₖ"),
        // Fractions
        ("\\frac{a}{b}", "a/b"), ("\\frac{1}{2}", "1/2"), ("\\frac{a+b}{2}", "(a+b)/2"),
        ("\\frac{1}{n+1}", "1/(n+1)"), ("\\frac{\\pi}{4}", "π/4"), ("\\dfrac{x}{y}", "x/y"),
        ("\\tfrac{3}{4}", "3/4"), ("\\frac{dy}{dx}", "dy/dx"), ("\\frac{\\partial f}{\\partial x}", "(∂ f)/(∂ x)"),
        ("\\frac{x^2}{2}", "x²/2"), ("\\frac12", "1/2"), ("\\frac{1}{2\\pi}", "1/(2π)"), ("\\frac{x}{2}", "x/2"),
        // Roots
        ("\\sqrt{x}", "√x"), ("\\sqrt{2}", "√2"), ("\\sqrt{x+1}", "√(x+1)"), ("\\sqrt[3]{x}", "∛x"),
        ("\\sqrt[4]{y}", "∜y"), ("\\sqrt[n]{x}", "ⁿ√x"), ("\\sqrt{a^2+b^2}", "√(a²+b²)"), ("\\sqrt{\\pi}", "√π"),
        // Relations
        ("a \\le b", "a ≤ b"), ("a \\leq b", "a ≤ b"), ("a \\ge b", "a ≥ b"), ("a \\ne b", "a ≠ b"),
        ("a \\neq b", "a ≠ b"), ("\\pi \\approx 3.14", "π ≈ 3.14"), ("a \\equiv b", "a ≡ b"),
        ("x \\in A", "x ∈ A"), ("x \\notin A", "x ∉ A"), ("A \\subseteq B", "A ⊆ B"), ("a \\sim b", "a ∼ b"),
        ("a \\propto b", "a ∝ b"), ("a \\ll b", "a ≪ b"),
        // Operators
        ("a \\times b", "a × b"), ("a \\cdot b", "a · b"), ("a \\div b", "a ÷ b"), ("\\pm 1", "± 1"),
        ("A \\cup B", "A ∪ B"), ("A \\cap B", "A ∩ B"), ("p \\wedge q", "p ∧ q"), ("p \\vee q", "p ∨ q"),
        ("\\neg p", "¬ p"), ("f \\circ g", "f ∘ g"),
        // Big operators, calculus
        ("\\sum_{i=1}^{n} i", "∑ᵢ₌₁ⁿ i"), ("\\sum_{n=0}^\\infty", "∑ₙ₌₀^∞"), ("\\prod_{k=1}^n k", "∏ₖ₌₁ⁿ k"),
        ("\\int_0^1 x\\,dx", "∫₀¹ x dx"), ("\\int_0^1 x^2 \\, dx", "∫₀¹ x² dx"), ("\\int_a^b f(x) dx", "∫ₐᵇ f(x) dx"), ("\\oint", "∮"),
        ("\\iint", "∬"), ("\\partial_x f", "∂ₓ f"), ("\\nabla f", "∇ f"), ("\\nabla \\cdot F", "∇ · F"),
        ("\\lim_{x \\to 0}", "lim_(x → 0)"), ("\\infty", "∞"), ("-\\infty", "-∞"),
        // Arrows and logic
        ("a \\to b", "a → b"), ("f: A \\rightarrow B", "f: A → B"), ("x \\mapsto x^2", "x ↦ x²"),
        ("p \\Rightarrow q", "p ⇒ q"), ("p \\iff q", "p ⟺ q"), ("p \\implies q", "p ⟹ q"),
        ("\\forall x", "∀ x"), ("\\exists y", "∃ y"), ("\\forall \\epsilon > 0", "∀ ϵ > 0"),
        ("a \\leftarrow b", "a ← b"), ("\\emptyset", "∅"),
        // Sets and number systems
        ("\\mathbb{R}", "ℝ"), ("\\mathbb{N}", "ℕ"), ("\\mathbb{Z}", "ℤ"), ("\\mathbb{Q}", "ℚ"), ("\\mathbb{C}", "ℂ"),
        ("x \\in \\mathbb{R}^n", "x ∈ ℝⁿ"), ("\\mathbb{RR}", "ℝℝ"), ("\\mathbb{K}", "K"), ("\\{1, 2\\}", "{1, 2}"),
        // Text, functions, delimiters
        ("\\text{if } x > 0", "if x > 0"), ("\\mathrm{d}x", "dx"), ("\\sin x", "sin x"), ("\\cos^2 x", "cos² x"),
        ("\\log_2 n", "log₂ n"), ("\\ln x", "ln x"), ("\\left( x \\right)", "( x )"), ("\\left. x \\right|", "x |"),
        ("\\left[ a \\right]", "[ a ]"), ("\\langle u, v \\rangle", "⟨ u, v ⟩"), ("\\lfloor x \\rfloor", "⌊ x ⌋"),
        ("|x|", "|x|"), ("\\|v\\|", "‖v‖"), ("\\operatorname{rank} A", "rank A"), ("\\mathbf{v}", "v"),
        // Accents and spacing
        ("\\hat{x}", "x̂"), ("\\bar{x}", "x̄"), ("\\vec{v}", "v⃗"), ("\\dot{x}", "ẋ"), ("\\tilde{n}", "ñ"),
        ("a\\quad b", "a b"), ("a\\,b", "a b"), ("a~b", "a b"), ("a \\not= b", "a ≠ b"),
        // Whole formulas
        ("e^{i\\pi} + 1 = 0", "e^(iπ) + 1 = 0"), ("E = mc^2", "E = mc²"), ("a^2 + b^2 = c^2", "a² + b² = c²"),
        ("x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}", "x = (-b ± √(b² - 4ac))/(2a)"),
        ("\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}", "∑ₙ₌₁^∞ 1/n² = π²/6"),
        ("f(x) = \\int_{-\\infty}^{\\infty} \\hat f(\\xi)\\,e^{2 \\pi i \\xi x} \\,d\\xi",
         "f(x) = ∫_(-∞)^∞ f̂(ξ) e^(2 π i ξ x) dξ"),
        ("a \\pmod{n}", "a (mod n)"), ("\\binom{n}{k}", "\\binom{n}{k}"),
        // Unknown commands are shown as written
        ("\\foo", "\\foo"), ("\\foo{x}", "\\foo{x}"), ("\\weird{a}{b^2}", "\\weird{a}{b²}"), ("\\unknownsym + 1", "\\unknownsym + 1"),
        ("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}", "1 x > 0 ; 0 otherwise"),
        ("\\begin{tikzpicture}", "\\begin{tikzpicture}"),
        // Broken input never crashes and keeps its text
        ("x^", "x^"), ("\\frac{a}", "a/"), ("{unclosed", "unclosed"), ("\\", "\\"), ("}", "}"), ("\\sqrt", "√"),
    ]

    @Test func tableHasAtLeastOneHundredRows() {
        #expect(Self.table.count >= 100)
    }

    @Test(arguments: table)
    func converts(_ latex: String, _ unicode: String) {
        #expect(LaTeXText.unicode(latex) == unicode)
    }

    @Test(arguments: [
        ("$x^2$", "x²"), ("$$x_1$$", "x₁"), ("\\(\\alpha\\)", "α"), ("\\[\\sqrt{2}\\]", "√2"),
        ("between $a$ and $b$", "between a and b"),
    ])
    func delimitersInCardText(_ text: String, _ shown: String) {
        #expect(RichText.plain(text) == shown)
    }

    @Test(arguments: ["α²", "\\alpha^2", "$\\alpha^2$", "alpha²"])
    func typedFormulasMatchTheConvertedAnswer(_ typed: String) {
        let card = Card(id: CardID(rawValue: 1), noteID: CardID(rawValue: 1), deck: "Maths",
                        question: "q", answer: "$\\alpha^2$", tags: [], source: SourceLocation(file: "m.md", line: 1), kind: .basic)
        let expected: AnswerMatch = typed == "alpha²" ? .wrong : .exact
        #expect(AnswerMatcher.match(typed: typed, card: card) == expected)
    }

    @Test func codeAnswersAreStillComparedAsWritten() {
        let card = Card(id: CardID(rawValue: 1), noteID: CardID(rawValue: 1), deck: "C",
                        question: "xor?", answer: "`x ^ y`", tags: [], source: SourceLocation(file: "c.md", line: 1), kind: .basic)
        #expect(AnswerMatcher.match(typed: "x ^ y", card: card) == .exact)
    }
}
