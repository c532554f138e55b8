"""Reference outputs for the augmentation parity test (keras-reference.json beside this file).

Re-states keras-preprocessing 1.1's `apply_affine_transform` (rotation . shift . shear . zoom about the
centre ((h-1)/2, (w-1)/2), (row, col) coordinates, scipy.ndimage.affine_transform per channel) and
`ImageDataGenerator.apply_transform`'s flips, and runs it on small images with scipy.

Run from this folder when the cases change (needs numpy and scipy; not part of CI):
    python3 keras_reference.py > keras-reference.json
"""
import json
import sys

import numpy as np
import scipy
from scipy import ndimage


def offset_center(matrix, h, w):
    o_x, o_y = h / 2 - 0.5, w / 2 - 0.5
    offset = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]])
    reset = np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
    return offset @ matrix @ reset


def apply_affine_transform(x, theta=0, tx=0, ty=0, shear=0, zx=1, zy=1, fill_mode='nearest', cval=0.0, order=1):
    m = None
    if theta != 0:
        t = np.deg2rad(theta)
        m = np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
    if tx != 0 or ty != 0:
        s = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
        m = s if m is None else m @ s
    if shear != 0:
        sh = np.deg2rad(shear)
        s = np.array([[1, -np.sin(sh), 0], [0, np.cos(sh), 0], [0, 0, 1]])
        m = s if m is None else m @ s
    if zx != 1 or zy != 1:
        z = np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
        m = z if m is None else m @ z
    if m is None:
        return x
    h, w = x.shape[0], x.shape[1]
    m = offset_center(m, h, w)
    channels = [ndimage.affine_transform(x[:, :, c], m[:2, :2], m[:2, 2], order=order, mode=fill_mode, cval=cval)
                for c in range(x.shape[2])]
    return np.stack(channels, axis=2)


def apply_transform(x, p, fill_mode, cval, order):
    x = apply_affine_transform(x, p.get('theta', 0), p.get('tx', 0), p.get('ty', 0), p.get('shear', 0),
                               p.get('zx', 1), p.get('zy', 1), fill_mode, cval, order)
    if p.get('flipHorizontal'):
        x = x[:, ::-1, :]
    if p.get('flipVertical'):
        x = x[::-1, :, :]
    return x


def image(h, w):
    # Distinct, non-linear values so that a wrong pixel cannot pass by accident.
    r, c = np.mgrid[0:h, 0:w]
    return ((r * 7 + c * 3) % 11 + r * 0.5 + (c * c) * 0.25).astype(np.float64)[:, :, None]


CASES = [
    # name, (h, w), params, fill modes, order
    ('shift rows +1, cols -2', (5, 5), {'tx': 1, 'ty': -2}, ['nearest', 'constant', 'reflect'], 1),
    ('shift cols +3', (5, 5), {'ty': 3}, ['nearest', 'constant', 'reflect', 'wrap'], 1),
    ('shift rows -4, cols +4', (5, 5), {'tx': -4, 'ty': 4}, ['reflect', 'wrap'], 1),
    ('shift by half a pixel', (4, 4), {'tx': 0.5, 'ty': -1.5}, ['nearest', 'constant', 'reflect', 'wrap'], 1),
    ('rotate 90', (5, 5), {'theta': 90}, ['nearest', 'constant', 'reflect'], 1),
    # Not 'constant': scipy sees sin(180 deg) = 1.2e-16 and fills a whole edge row with cval (README.md).
    ('rotate 180', (5, 5), {'theta': 180}, ['nearest', 'reflect', 'wrap'], 1),
    ('rotate -90 non-square', (4, 6), {'theta': -90}, ['nearest'], 1),
    ('rotate 30', (6, 6), {'theta': 30}, ['nearest', 'constant'], 1),
    ('zoom in x2', (5, 5), {'zx': 0.5, 'zy': 0.5}, ['nearest', 'constant', 'reflect'], 1),
    ('zoom out x2', (5, 5), {'zx': 2, 'zy': 2}, ['nearest', 'constant', 'reflect', 'wrap'], 1),
    ('zoom 0.8 x 1.3 non-square', (6, 4), {'zx': 0.8, 'zy': 1.3}, ['nearest', 'constant'], 1),
    ('shear 20', (6, 6), {'shear': 20}, ['nearest', 'constant'], 1),
    ('everything', (7, 5), {'theta': 17, 'tx': 0.6, 'ty': -1.3, 'shear': 8, 'zx': 0.9, 'zy': 1.1,
                            'flipHorizontal': True}, ['nearest', 'constant'], 1),
    ('everything, nearest-neighbour', (7, 5), {'theta': -23, 'tx': 1.4, 'ty': 0.2, 'zx': 1.15, 'zy': 0.95,
                                              'flipVertical': True}, ['nearest', 'constant'], 0),
    ('flips only', (4, 5), {'flipHorizontal': True, 'flipVertical': True}, ['nearest'], 1),
]


def main():
    out = {'generator': 'keras_reference.py', 'numpy': np.__version__, 'scipy': scipy.__version__, 'cases': []}
    for name, (h, w), params, modes, order in CASES:
        x = image(h, w)
        for mode in modes:
            cval = 2.5 if mode == 'constant' else 0.0
            # Keras documents 'wrap' as abcd|abcd|abcd, which is scipy's 'grid-wrap'; scipy's own 'wrap'
            # repeats with period n - 1 (its first and last samples coincide). README.md says more.
            y = apply_transform(x, params, 'grid-wrap' if mode == 'wrap' else mode, cval, order)
            out['cases'].append({'name': f'{name} ({mode}, order {order})', 'height': h, 'width': w,
                                 'params': params, 'fillMode': mode, 'cval': cval, 'interpolationOrder': order,
                                 'input': [round(float(v), 6) for v in x.ravel()],
                                 'expected': [round(float(v), 6) for v in y.ravel()]})
    cases = out.pop('cases')
    header = json.dumps(out)[:-1]
    sys.stdout.write(header + ', "cases": [\n' + ',\n'.join(json.dumps(c) for c in cases) + '\n]}\n')


if __name__ == '__main__':
    main()
