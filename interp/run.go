package interp

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/metajit/metajit/interp/compile"
	"github.com/metajit/metajit/interp/syntax"
)

// Run compiles and runs a Python-subset program, as `python filename args...` would: output on
// opts.Stdout, a traceback on opts.Stderr for an uncaught exception or a syntax error. It
// returns the process exit status: 0, or 1 after an error.
func Run(filename, source string, opts Options) int {
	prog, serr := Compile(filename, source)
	if serr != nil {
		stderr := opts.Stderr
		if stderr == nil {
			stderr = io.Discard
		}
		fmt.Fprint(stderr, serr.Report())
		return 1
	}
	return New(prog, opts).Main()
}

// Compile parses and compiles source to bytecode.
func Compile(filename, source string) (*compile.Program, *syntax.Error) {
	mod, err := syntax.Parse(filename, source)
	if err != nil {
		return nil, err
	}
	return compile.Compile(mod)
}

// New prepares an interpreter for a compiled program.
func New(prog *compile.Program, opts Options) *Interp {
	out := opts.Stdout
	if out == nil {
		out = io.Discard
	}
	errw := opts.Stderr
	if errw == nil {
		errw = io.Discard
	}
	in := &Interp{
		prog:    prog,
		Stdout:  bufio.NewWriterSize(out, 64<<10),
		stderr:  errw,
		argv:    append([]string{prog.Filename}, opts.Args...),
		infos:   map[*compile.Code]*codeInfo{},
		globals: make([]Value, len(prog.Globals)),
	}
	in.initGlobals()
	if opts.JIT.Enabled {
		if err := in.enableJIT(opts.JIT); err != nil {
			// A bad pass name is the embedder's mistake: run without the JIT and say so.
			fmt.Fprintf(errw, "metajit: %v; the JIT is off\n", err)
		}
	}
	return in
}

// Main runs the program's module code, flushes its output and reports an uncaught exception
// with CPython's traceback. It returns the exit status.
func (in *Interp) Main() (status int) {
	defer func() {
		if os.Getenv("METAJIT_PANIC") != "" {
			return
		}
		// A Go panic is a bug in metajit; the program still gets a Python-style report and a
		// non-zero status rather than a Go crash.
		if p := recover(); p != nil {
			in.Stdout.Flush()
			fmt.Fprintf(in.stderr, "SystemError: metajit internal error: %v\n%s", p, debug.Stack())
			status = 1
		}
	}()
	err := in.RunModule()
	in.Stdout.Flush()
	if in.jit != nil {
		in.jit.driver.Logf("jit-summary", "%s", in.jit.driver.Summary())
	}
	if err != nil {
		io.WriteString(in.stderr, in.FormatException(err))
		return 1
	}
	return 0
}

// RunModule runs the program's module code and returns its uncaught exception, if any. Output
// stays buffered in in.Stdout.
func (in *Interp) RunModule() *Exception {
	f := in.newFrame(in.info(in.prog.Main))
	in.depth = 1
	_, err := in.eval(f)
	in.depth = 0
	return err
}

// initGlobals fills the global slots of builtin names with the builtins, so LOAD_GLOBAL needs
// one slice read; a module-level assignment simply overwrites the slot.
func (in *Interp) initGlobals() {
	builtins := Builtins()
	in.builtinOf = make([]Value, len(in.prog.Globals))
	for i, name := range in.prog.Globals {
		if b, ok := builtins[name]; ok {
			in.globals[i] = b
			in.builtinOf[i] = b
		}
	}
}

// setGlobal binds global slot g.
func (in *Interp) setGlobal(g int, v Value) {
	if !in.isModuleGlobal(g) {
		in.globalOrder = append(in.globalOrder, g)
	}
	in.globals[g] = v
	in.shadowed(g)
}

// deleteGlobal unbinds global slot g, uncovering the builtin of that name if there is one.
func (in *Interp) deleteGlobal(g int) {
	in.globals[g] = in.builtinOf[g]
	in.shadowed(g)
	for i, x := range in.globalOrder {
		if x == g {
			in.globalOrder = append(in.globalOrder[:i], in.globalOrder[i+1:]...)
			break
		}
	}
}

// isModuleGlobal reports whether slot g is bound by the program (not just a builtin).
func (in *Interp) isModuleGlobal(g int) bool {
	for _, x := range in.globalOrder {
		if x == g {
			return true
		}
	}
	return false
}

// nameError builds the NameError for unbound global slot g, with CPython 3.11's suggestion:
// from the running code's local variable names, then the module's globals, then the builtins.
func (in *Interp) nameError(code *compile.Code, g int) *Exception {
	name := in.prog.Globals[g]
	e := Errorf(NameErrorType, "name '%s' is not defined", name)
	if s := suggest(name, code.Locals); s != "" {
		e.suggestion = s
		return e
	}
	globals := []string{"__name__", "__doc__", "__package__", "__loader__", "__spec__",
		"__annotations__", "__builtins__", "__file__", "__cached__"}
	for _, g := range in.globalOrder {
		globals = append(globals, in.prog.Globals[g])
	}
	if s := suggest(name, globals); s != "" {
		e.suggestion = s
		return e
	}
	e.suggestion = suggest(name, cpythonBuiltinNames)
	return e
}

// getAttr evaluates obj.name: a module attribute or a bound method.
func (in *Interp) getAttr(obj Value, name string) (Value, *Exception) {
	if obj.kind == KindModule {
		m := obj.ref.(*Module)
		if v, ok := m.Attrs[name]; ok {
			return v, nil
		}
		e := Errorf(AttributeErrorType, "module '%s' has no attribute '%s'", m.Name, name)
		names := make([]string, 0, len(m.Attrs))
		for k := range m.Attrs {
			names = append(names, k)
		}
		e.suggestion = suggest(name, names)
		return Value{}, e
	}
	if m := LookupMethod(obj, name); m != nil {
		return Value{kind: KindMethod, ref: &Method{Self: obj, Fn: m}}, nil
	}
	return Value{}, AttributeError(obj, name)
}

// importModule returns the module of `import name`; only sys exists.
func (in *Interp) importModule(name string) (Value, *Exception) {
	if name != "sys" {
		return Value{}, Errorf(ModuleNotFoundErrorType, "No module named '%s'", name)
	}
	if in.sys == nil {
		argv := make([]Value, len(in.argv))
		for i, a := range in.argv {
			argv[i] = NewStr(a)
		}
		in.sys = &Module{Name: "sys", Attrs: map[string]Value{
			"argv":       NewList(argv),
			"maxsize":    Int(1<<63 - 1),
			"version":    NewStr("3.11.7 (metajit)"),
			"byteorder":  NewStr("little"),
			"executable": NewStr("metajit"),
		}}
	}
	return Value{kind: KindModule, ref: in.sys}, nil
}
