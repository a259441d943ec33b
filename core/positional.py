"""Sinusoidal positional encoding of "Attention Is All You Need", sec. 3.5.

PE(pos, 2i)   = sin(pos / 10000^(2i / d_model))
PE(pos, 2i+1) = cos(pos / 10000^(2i / d_model))

Each dimension pair is a sinusoid whose wavelength grows geometrically from 2π to 10000·2π,
so PE(pos + k) is a linear function of PE(pos) and relative offsets are easy to attend to.
"""

from __future__ import annotations

import torch


def sinusoidal_positional_encoding(num_positions: int, d_model: int,
                                   dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """The (num_positions, d_model) table of sec. 3.5; d_model must be even."""
    if d_model <= 0 or d_model % 2:
        raise ValueError(f"d_model must be a positive even number, got {d_model}")
    if num_positions <= 0:
        raise ValueError(f"num_positions must be positive, got {num_positions}")
    position = torch.arange(num_positions, dtype=torch.float64)[:, None]  # (P, 1)
    two_i = torch.arange(0, d_model, 2, dtype=torch.float64)  # (d_model / 2,) the even indices 2i
    angle = position / torch.pow(10000.0, two_i / d_model)  # (P, d_model / 2)
    table = torch.empty(num_positions, d_model, dtype=torch.float64)
    table[:, 0::2] = torch.sin(angle)
    table[:, 1::2] = torch.cos(angle)
    return table.to(dtype)
