import os

import hypothesis

hypothesis.settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True, database=None,
                                     suppress_health_check=list(hypothesis.HealthCheck))
hypothesis.settings.register_profile("dev", max_examples=100, deadline=None,
                                     suppress_health_check=list(hypothesis.HealthCheck))
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

try:
    import torch
    torch.set_num_threads(1)
except ImportError:  # pragma: no cover
    pass
