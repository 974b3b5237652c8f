// jsdom lacks ResizeObserver, which Fluent UI's MessageBar and Overflow need.
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} };
