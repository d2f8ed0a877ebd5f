import cProfile, os, time
pr = cProfile.Profile(); pr.enable(); t = time.perf_counter()
try:
    exec(compile(open("/work/wt/i18n-core/app.py").read(), "app.py", "exec"))
finally:
    pr.disable(); pr.dump_stats(f"/tmp/i18ncore_prof_{os.getpid()}_{time.time_ns()}.stats")
    print("RUN", time.perf_counter() - t, flush=True)
